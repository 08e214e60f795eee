package org.comptoir.api.protection;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Over HTTP, a GraphQL answer that asks the client to come back later ({@code Retry-After}: rate
 * limited, or an idempotent request still running) is sent as 429, so that proxies and HTTP clients
 * understand it too. Interceptors shape only the GraphQL response; the status is set here.
 */
@Component
class RefusalStatusFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getPath().value().startsWith("/graphql")) {
			ServerHttpResponse response = exchange.getResponse();
			response.beforeCommit(() -> {
				// 200 (application/json) or 400 (graphql-response+json, no data): either way the client should wait
				if (response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER) && (response.getStatusCode() == null
						|| response.getStatusCode().value() == 200 || response.getStatusCode().value() == 400)) {
					response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
				}
				return Mono.empty();
			});
		}
		return chain.filter(exchange);
	}

}
