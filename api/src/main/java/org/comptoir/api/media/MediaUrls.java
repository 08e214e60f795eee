package org.comptoir.api.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.comptoir.api.tenant.TenantRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The URLs of served files and of uploads. A file's URL names its chamber and its content address, so
 * it never changes meaning and caches keep it a year. A file that is not public on the network gets a
 * signed URL instead: an HMAC of the path and an expiry, the expiry rounded up to the next window so
 * that a page asked twice in a while shows the same URLs (and the browser's cache serves them).
 */
@Component
class MediaUrls {

	private final TenantRegistry registry;

	private final String baseUrl;

	private final long ttlSeconds;

	private final SecretKeySpec key;

	private final Clock clock;

	MediaUrls(TenantRegistry registry, MediaProperties properties) {
		this.registry = registry;
		this.baseUrl = properties.baseUrl().replaceAll("/+$", "");
		this.ttlSeconds = Math.max(60, properties.signedUrlTtl().toSeconds());
		this.key = new SecretKeySpec(secret(properties.signingKey()), "HmacSHA256");
		this.clock = Clock.systemUTC();
	}

	private static byte[] secret(@Nullable String configured) {
		if (configured != null && !configured.isBlank()) {
			return configured.getBytes(StandardCharsets.UTF_8);
		}
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return random;
	}

	/** Where a file is served: plain when public on the network, else signed. */
	String file(Media media, Media.File file) {
		String path = path(slug(media.tenantId()), file.address(), file.extension());
		if (media.onNetwork()) {
			return baseUrl + path;
		}
		long expires = (clock.millis() / 1000 / ttlSeconds + 2) * ttlSeconds;
		return baseUrl + path + "?expires=" + expires + "&signature=" + signature(path, expires);
	}

	String upload(UUID tenantId, UUID uploadId) {
		return baseUrl + "/uploads/" + slug(tenantId) + "/" + uploadId;
	}

	/** Whether a signed URL's expiry and signature are right and it has not expired. */
	boolean valid(String path, @Nullable String expires, @Nullable String signature) {
		if (expires == null || signature == null || !expires.matches("[0-9]{1,12}")) {
			return false;
		}
		long at = Long.parseLong(expires);
		return at * 1000 > clock.millis() && MessageDigest.isEqual(signature(path, at).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII));
	}

	static String path(String slug, String address, String extension) {
		return "/media/" + slug + "/" + address + "." + extension;
	}

	private String slug(UUID tenantId) {
		return registry.find(tenantId).orElseThrow().slug();
	}

	private String signature(String path, long expires) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			byte[] digest = mac.doFinal((path + "\n" + expires).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
