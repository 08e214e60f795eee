package org.comptoir.api.graphql.http;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The response cache of anonymous public pages ({@link ResponseCache}) and what HTTP caches are told.
 * @param enabled whether this instance keeps answers in memory (the HTTP headers are sent either way)
 * @param maxSize the bodies kept, all together (least recently used out first)
 * @param ttl how long an answer is kept at most: the backstop if a change is not notified (an expiry passing)
 * @param maxAge {@code Cache-Control: max-age} of a public answer, for browsers and CDNs
 * @param staleWhileRevalidate {@code stale-while-revalidate} of a public answer (0: none)
 */
@ConfigurationProperties("comptoir.response-cache")
record ResponseCacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("64MB") DataSize maxSize,
		@DefaultValue("60s") Duration ttl, @DefaultValue("30s") Duration maxAge,
		@DefaultValue("30s") Duration staleWhileRevalidate) {

	/** The {@code Cache-Control} of an answer anyone may get. */
	String publicCacheControl() {
		String control = "public, max-age=" + maxAge.toSeconds();
		return staleWhileRevalidate.isZero() ? control : control + ", stale-while-revalidate=" + staleWhileRevalidate.toSeconds();
	}

}
