package org.comptoir.api.protection;

import org.comptoir.api.graphql.ApiErrors;
import org.comptoir.api.graphql.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A request to {@code /graphql} that is not GraphQL over HTTP at all (not JSON, a query that is not a
 * string, a wrong media type) still gets a GraphQL-shaped answer with a contract code, never the
 * framework's error page: {@code BAD_USER_INPUT} with the HTTP status the framework chose, or
 * {@code INTERNAL} with an incident id in the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class GraphQlHttpErrors implements WebFilter {

	/** A POST that got no answer at all (an empty body): tell the client what a request looks like. */
	private static Mono<Void> answered(ServerWebExchange exchange) {
		if (exchange.getResponse().isCommitted() || exchange.getRequest().getMethod() != HttpMethod.POST) {
			return Mono.empty();
		}
		return ApiErrors.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, ErrorCode.BAD_USER_INPUT,
				"Empty request: POST JSON such as {\"query\": \"{ tenant { slug } }\"}.");
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith("/graphql")) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange).then(Mono.defer(() -> answered(exchange))).onErrorResume(ex -> !exchange.getResponse().isCommitted(), ex -> {
			HttpStatusCode status = ex instanceof ResponseStatusException rse ? rse.getStatusCode()
					: HttpStatus.INTERNAL_SERVER_ERROR;
			if (status.is4xxClientError()) {
				return ApiErrors.write(exchange.getResponse(), status, ErrorCode.BAD_USER_INPUT,
						"Not a GraphQL request (" + status.value() + "): POST JSON such as {\"query\": \"{ tenant { slug } }\", \"variables\": {}}.");
			}
			exchange.getResponse().getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
			return ApiErrors.write(exchange.getResponse(), HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL,
					ApiErrors.incident("on " + exchange.getRequest().getPath(), ex));
		});
	}

}
