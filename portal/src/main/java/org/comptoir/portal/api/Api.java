package org.comptoir.portal.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.comptoir.portal.PortalProperties;
import org.comptoir.portal.chamber.Chamber;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The one way the portal talks to the API: a document of {@code graphql-documents/} (the contract's operations
 * and the portal's own), sent for the request's chamber ({@code X-Tenant}), as its visitor (the signed-in
 * user's access token, the visitor's address forwarded with this server's forwarder secret, their language).
 * Answers are the response's {@code data}; a refusal of the whole request is an {@link ApiException}.
 */
@Component
public class Api {

	private final HttpGraphQlClient client;

	private final PortalProperties properties;

	private final AccessTokens tokens;

	Api(PortalProperties properties, AccessTokens tokens) {
		this.client = HttpGraphQlClient.builder(WebClient.builder().baseUrl(properties.apiUrl().toString())).build();
		this.properties = properties;
		this.tokens = tokens;
	}

	/** A document for the request's chamber, as its visitor. */
	public Mono<Map<String, Object>> call(ServerWebExchange exchange, String document, Map<String, ?> variables) {
		Chamber chamber = exchange.getAttribute(Chamber.ATTRIBUTE);
		return tokens.of(exchange)
			.map(token -> "Bearer " + token)
			.defaultIfEmpty("")
			.flatMap(authorization -> send(client.mutate().headers(headers -> {
				if (chamber != null) {
					headers.set("X-Tenant", chamber.slug());
				}
				if (!authorization.isEmpty()) {
					headers.set(HttpHeaders.AUTHORIZATION, authorization);
				}
				forwardVisitor(exchange, headers);
			}).build(), document, variables));
	}

	/**
	 * A page that shows one thing ({@code listing}, {@code member}): refused as NOT_FOUND when the API answers
	 * null for it (absent, or not visible to this visitor), the page's data otherwise.
	 */
	public Mono<Map<String, Object>> one(ServerWebExchange exchange, String document, Map<String, ?> variables, String field) {
		return call(exchange, document, variables).flatMap(page -> page.get(field) == null
				? Mono.error(new ApiException("NOT_FOUND", "No such " + field)) : Mono.just(page));
	}

	/** A document with no chamber and no visitor: what the portal reads for itself (the network's chambers). */
	public Mono<Map<String, Object>> anonymous(String document, Map<String, ?> variables) {
		return send(client, document, variables);
	}

	private void forwardVisitor(ServerWebExchange exchange, HttpHeaders headers) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (properties.forwarderSecret() != null && !properties.forwarderSecret().isBlank() && remote != null
				&& remote.getAddress() != null) {
			headers.set("X-Forwarded-For", remote.getAddress().getHostAddress());
			headers.set("X-Forwarder-Secret", properties.forwarderSecret());
		}
		Locale locale = exchange.getLocaleContext().getLocale();
		if (locale != null) {
			headers.set(HttpHeaders.ACCEPT_LANGUAGE, locale.toLanguageTag());
		}
	}

	private static Mono<Map<String, Object>> send(HttpGraphQlClient client, String document, Map<String, ?> variables) {
		return client.documentName(document)
			.variables(Map.copyOf(variables))
			.execute()
			.onErrorMap(WebClientRequestException.class, ex -> new ApiException("UNAVAILABLE", "The API cannot be reached"))
			.map(Api::data);
	}

	private static Map<String, Object> data(ClientGraphQlResponse response) {
		List<ResponseError> errors = response.getErrors();
		if (!response.isValid() || response.getData() == null) {
			ResponseError first = errors.isEmpty() ? null : errors.get(0);
			throw new ApiException(first == null ? "INTERNAL" : code(first), first == null ? "No data" : first.getMessage());
		}
		for (ResponseError error : errors) {
			String code = code(error);
			// A refused field that the page cannot do without: the whole page is refused for that reason.
			if (List.of("UNAUTHENTICATED", "FORBIDDEN", "RATE_LIMITED", "TENANT_NOT_FOUND", "TENANT_MISMATCH").contains(code)) {
				throw new ApiException(code, error.getMessage());
			}
		}
		return response.getData();
	}

	private static String code(ResponseError error) {
		Object code = error.getExtensions().get("code");
		return code == null ? "INTERNAL" : code.toString();
	}

}
