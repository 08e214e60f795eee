package org.comptoir.api.graphql.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.comptoir.api.graphql.ErrorCode;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a GraphQL request from a POST body ({@code application/json}) or from a GET's query string,
 * strictly: each parameter has its type ({@code query} and {@code operationName} strings,
 * {@code variables} and {@code extensions} maps, null meaning absent), else 400 with
 * {@code BAD_USER_INPUT}. A JSON array (a batch) is refused: one operation per request.
 */
@Component
record GraphQlHttpRequestReader(JsonMapper json) {

	/** Far above any real document with its variables; a larger body is refused with 413. */
	static final int MAX_BODY_BYTES = 256 * 1024;

	static final String BATCH_REFUSED = "Batched requests (a JSON array of operations) are not supported: send one "
			+ "operation per request; keep-alive and HTTP/2 make separate requests cheap, persisted queries keep them small.";

	Mono<GraphQlHttpRequest> read(ServerRequest request) {
		if (HttpMethod.GET.equals(request.method())) {
			return Mono.fromCallable(() -> fromQueryString(request.queryParams()));
		}
		Charset charset = requireJson(request);
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), MAX_BODY_BYTES)
			.map(buffer -> {
				try {
					return buffer.toString(charset);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.onErrorMap(DataBufferLimitException.class, ex -> new HttpProblem(HttpStatus.CONTENT_TOO_LARGE,
					ErrorCode.BAD_USER_INPUT, "The request body is larger than " + MAX_BODY_BYTES + " bytes."))
			.switchIfEmpty(Mono.error(() -> HttpProblem.badRequest("The request body is empty: send {\"query\": \"...\"}.")))
			.map(this::fromJson);
	}

	/** The charset of a JSON body: UTF-8 unless the content type says otherwise. */
	private static Charset requireJson(ServerRequest request) {
		MediaType type;
		try {
			type = request.headers().contentType().orElse(null);
		}
		catch (InvalidMediaTypeException ex) {
			type = null;
		}
		if (type == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
			throw new HttpProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.BAD_USER_INPUT,
					"Send the request as application/json (or use GET for a query).")
				.header("Accept-Post", MediaType.APPLICATION_JSON_VALUE);
		}
		return type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
	}

	GraphQlHttpRequest fromJson(String body) {
		JsonNode node;
		try {
			node = json.readTree(body);
		}
		catch (JacksonException ex) {
			throw HttpProblem.badRequest("The request body is not valid JSON.");
		}
		if (node == null || node.isMissingNode()) {
			throw HttpProblem.badRequest("The request body is empty: send {\"query\": \"...\"}.");
		}
		if (node.isArray()) {
			throw HttpProblem.badRequest(BATCH_REFUSED);
		}
		if (!node.isObject()) {
			throw HttpProblem.badRequest("The request body must be a JSON object: {\"query\": \"...\"}.");
		}
		return new GraphQlHttpRequest(string(node.get("query"), "query"), string(node.get("operationName"), "operationName"),
				map(node.get("variables"), "variables"), map(node.get("extensions"), "extensions"));
	}

	GraphQlHttpRequest fromQueryString(MultiValueMap<String, String> params) {
		return new GraphQlHttpRequest(param(params, "query"), param(params, "operationName"),
				jsonParam(params, "variables"), jsonParam(params, "extensions"));
	}

	private static @Nullable String param(MultiValueMap<String, String> params, String name) {
		List<String> values = params.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw HttpProblem.badRequest("'" + name + "' is given " + values.size() + " times.");
		}
		return values.get(0);
	}

	private Map<String, Object> jsonParam(MultiValueMap<String, String> params, String name) {
		String value = param(params, name);
		if (value == null || value.isEmpty()) {
			return Map.of();
		}
		try {
			return map(json.readTree(value), name);
		}
		catch (JacksonException ex) {
			throw HttpProblem.badRequest("'" + name + "' must be a URL-encoded JSON object.");
		}
	}

	private static @Nullable String string(@Nullable JsonNode node, String name) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw HttpProblem.badRequest("'" + name + "' must be a string.");
		}
		return node.asString();
	}

	private Map<String, Object> map(@Nullable JsonNode node, String name) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return Map.of();
		}
		if (!node.isObject()) {
			throw HttpProblem.badRequest("'" + name + "' must be a map (a JSON object).");
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> map = json.treeToValue(node, Map.class);
		return map;
	}

}
