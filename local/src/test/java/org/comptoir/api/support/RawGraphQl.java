package org.comptoir.api.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over HTTP without a tester in between: any body, any headers, and the raw answer (status,
 * headers, JSON), for tests about what a hostile or broken client gets back.
 */
public final class RawGraphQl {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WebClient client;

	private final Map<String, String> headers = new LinkedHashMap<>();

	public RawGraphQl(int port) {
		this.client = WebClient.builder().baseUrl("http://localhost:" + port)
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
	}

	/** The same client, sending this header too. */
	public RawGraphQl header(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(headers);
		more.put(name, value);
		return new RawGraphQl(client, more);
	}

	private RawGraphQl(WebClient client, Map<String, String> headers) {
		this.client = client;
		this.headers.putAll(headers);
	}

	public Reply query(String document) {
		return query(document, Map.of());
	}

	public Reply query(String document, Map<String, Object> variables) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", document);
		body.put("variables", variables);
		return post(JSON.writeValueAsString(body));
	}

	/** Posts this exact body as JSON. */
	public Reply post(String body) {
		return client.post().uri("/graphql")
			.headers(h -> headers.forEach(h::set))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
				.map(text -> new Reply(response.statusCode().value(), response.headers().asHttpHeaders(), text)))
			.block(Duration.ofSeconds(60));
	}

	/** An answer: status, headers, body text, and the body as JSON when it is. */
	public record Reply(int status, HttpHeaders headers, String text) {

		public Map<String, Object> json() {
			return JSON.readValue(text, new TypeReference<Map<String, Object>>() {
			});
		}

		@SuppressWarnings("unchecked")
		public List<Map<String, Object>> errors() {
			Object errors = json().get("errors");
			return errors == null ? List.of() : (List<Map<String, Object>>) errors;
		}

		@SuppressWarnings("unchecked")
		public String code() {
			List<Map<String, Object>> errors = errors();
			if (errors.isEmpty()) {
				return null;
			}
			Map<String, Object> extensions = (Map<String, Object>) errors.get(0).get("extensions");
			return extensions == null ? null : (String) extensions.get("code");
		}

		public String message() {
			List<Map<String, Object>> errors = errors();
			return errors.isEmpty() ? null : (String) errors.get(0).get("message");
		}

		@SuppressWarnings("unchecked")
		public Object data(String path) {
			Object current = json().get("data");
			for (String part : path.split("\\.")) {
				if (!(current instanceof Map<?, ?> map)) {
					return null;
				}
				current = ((Map<String, Object>) map).get(part);
			}
			return current;
		}

	}

}
