package org.comptoir.api.tenant;

import org.comptoir.api.graphql.ApiErrors;
import org.comptoir.api.graphql.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Resolves the chamber a GraphQL request names by its {@code X-Tenant} header or host, before security
 * (which checks the token's issuer against it, and makes the request's visit of the two). An unknown
 * chamber is refused here with {@code TENANT_NOT_FOUND}, whatever the token.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class TenantWebFilter implements WebFilter {

	/** Exchange attribute holding the {@link ChamberResolution.Named.Known} chamber of header or host. */
	public static final String ATTRIBUTE = ChamberResolution.Named.class.getName();

	private final ChamberResolution chambers;

	TenantWebFilter(ChamberResolution chambers) {
		this.chambers = chambers;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith("/graphql")) {
			return chain.filter(exchange);
		}
		String header = exchange.getRequest().getHeaders().getFirst("X-Tenant");
		String host = exchange.getRequest().getHeaders().getFirst("Host");
		return chambers.named(header, host).flatMap(named -> {
			if (named instanceof ChamberResolution.Named.Unknown unknown) {
				return ApiErrors.write(exchange.getResponse(), HttpStatus.NOT_FOUND, ErrorCode.TENANT_NOT_FOUND, unknown.message());
			}
			if (named instanceof ChamberResolution.Named.Known) {
				exchange.getAttributes().put(ATTRIBUTE, named);
			}
			return chain.filter(exchange);
		});
	}

}
