package org.comptoir.api.tenant;

import org.comptoir.api.graphql.ApiErrors;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.tenants.CurrentTenant;
import org.comptoir.tenants.TenantContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Resolves the chamber of a GraphQL request from its {@code X-Tenant} header or host, before security
 * (which checks the token's issuer against it) and before execution. An unknown chamber is refused
 * here with {@code TENANT_NOT_FOUND}; the resolved one travels in the Reactor context.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class TenantWebFilter implements WebFilter {

	/** Exchange attribute holding the {@link CurrentTenant} resolved from header or host. */
	public static final String ATTRIBUTE = CurrentTenant.class.getName();

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
			if (named instanceof ChamberResolution.Named.Known known) {
				exchange.getAttributes().put(ATTRIBUTE, known.tenant());
				return chain.filter(exchange).contextWrite(ctx -> TenantContext.with(ctx, known.tenant()));
			}
			return chain.filter(exchange);
		});
	}

}
