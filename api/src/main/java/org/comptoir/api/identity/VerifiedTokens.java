package org.comptoir.api.identity;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Bearer tokens already verified, kept by their exact text with what they authenticated: a portal
 * sends the same token with every request of a session, and finding its issuer (its claims parsed),
 * checking its signature and claims and converting its roles cost a signed-in request more than a
 * small page's own work. A token is kept until it expires, and at most as long as its issuer's signing
 * keys are ({@link TrustedIssuers#KEYS_TTL}), so a key withdrawn from the realm stops its tokens as
 * soon as it would without this; a token that failed is never kept. The text is the key, signature
 * included: another token, even with the same claims, is checked in full.
 */
final class VerifiedTokens {

	/** About 2,000 sessions at a few KB each (token and claims): a small part of the heap. */
	private static final int MAX_TOKENS = 2_000;

	private final Cache<String, JwtAuthenticationToken> verified;

	VerifiedTokens(Duration longest) {
		this.verified = Caffeine.newBuilder()
			.maximumSize(MAX_TOKENS)
			.expireAfter(Expiry.creating((String token, JwtAuthenticationToken authentication) -> {
				Instant expires = authentication.getToken().getExpiresAt();
				Duration left = expires == null ? Duration.ZERO : Duration.between(Instant.now(), expires);
				return left.isNegative() ? Duration.ZERO : left.compareTo(longest) > 0 ? longest : left;
			}))
			.build();
	}

	/** The resolver's managers, with the tokens they verified kept. */
	ReactiveAuthenticationManagerResolver<ServerWebExchange> keeping(ReactiveAuthenticationManagerResolver<ServerWebExchange> resolver) {
		return exchange -> Mono.just(authentication -> {
			String token = authentication instanceof BearerTokenAuthenticationToken bearer ? bearer.getToken() : null;
			JwtAuthenticationToken known = token == null ? null : verified.getIfPresent(token);
			if (known != null) {
				return Mono.just(known);
			}
			return resolver.resolve(exchange).flatMap(manager -> manager.authenticate(authentication)).doOnNext(result -> keep(token, result));
		});
	}

	private void keep(String token, Authentication result) {
		if (token != null && result instanceof JwtAuthenticationToken jwt && jwt.isAuthenticated()) {
			verified.put(token, jwt);
		}
	}

}
