package org.comptoir.api.graphql.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.comptoir.api.graphql.ErrorCode;
import org.springframework.stereotype.Component;

/**
 * Apollo's automatic persisted queries: a client sends {@code extensions.persistedQuery.sha256Hash}
 * instead of the document; on a miss it is told {@code PersistedQueryNotFound} and sends hash and
 * document together, which registers the document once its hash is checked (so nobody can plant
 * another document under a known hash). The documents live in a bounded in-memory cache, per
 * instance: another instance's miss costs one round trip.
 * <p>
 * Ours, not graphql-java's {@code PersistedQuerySupport}: that resolves the hash inside execution, but the
 * HTTP layer needs the document first (GET runs queries only: a persisted mutation over GET is a 405) and
 * tells a miss or a wrong hash as a request error with the contract's code; its in-memory cache is unbounded.
 */
@Component
class PersistedQueries {

	/** The message Apollo clients look for to send the document again; the code is the contract's. */
	static final String NOT_FOUND = "PersistedQueryNotFound";

	/** Characters of documents kept, all together (about 16 MB of heap at most). */
	static final long MAX_CACHED_CHARS = 8L * 1024 * 1024;

	/** A longer document runs, but is not kept. */
	static final int MAX_DOCUMENT_CHARS = 64 * 1024;

	private static final Pattern SHA_256 = Pattern.compile("[0-9a-fA-F]{64}");

	private final Cache<String, String> documents = Caffeine.newBuilder()
		.maximumWeight(MAX_CACHED_CHARS)
		.weigher((String hash, String document) -> hash.length() + document.length())
		.build();

	/**
	 * The request with its document: as sent, or found by its hash.
	 * @throws HttpProblem for a malformed persisted query, a hash that does not match the document
	 * (400), an unknown hash ({@value #NOT_FOUND}), or no document at all (400)
	 */
	GraphQlHttpRequest resolve(GraphQlHttpRequest request) {
		Object persisted = request.extensions().get("persistedQuery");
		if (persisted == null) {
			if (request.query() == null) {
				throw HttpProblem.badRequest("No 'query' in the request.");
			}
			return request;
		}
		String hash = hash(persisted);
		if (request.query() == null) {
			String document = documents.getIfPresent(hash);
			if (document == null) {
				throw HttpProblem.requestError(ErrorCode.NOT_FOUND, NOT_FOUND);
			}
			return request.withQuery(document);
		}
		if (!sha256(request.query()).equals(hash)) {
			throw HttpProblem.badRequest("provided sha does not match query");
		}
		if (request.query().length() <= MAX_DOCUMENT_CHARS) {
			documents.put(hash, request.query());
		}
		return request;
	}

	/** The lower-case hash of a well-formed {@code persistedQuery} extension, version 1. */
	private static String hash(Object persisted) {
		if (!(persisted instanceof Map<?, ?> map)) {
			throw HttpProblem.badRequest("'extensions.persistedQuery' must be a map with version and sha256Hash.");
		}
		if (!(map.get("version") instanceof Number version) || version.doubleValue() != 1) {
			throw HttpProblem.badRequest("Unsupported persisted query version: " + map.get("version") + " (1 is supported).");
		}
		if (!(map.get("sha256Hash") instanceof String hash) || !SHA_256.matcher(hash).matches()) {
			throw HttpProblem.badRequest("'extensions.persistedQuery.sha256Hash' must be a SHA-256 in hexadecimal.");
		}
		return hash.toLowerCase(Locale.ROOT);
	}

	static String sha256(String document) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	long size() {
		return documents.estimatedSize();
	}

}
