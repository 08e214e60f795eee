package org.comptoir.api.identity;

import java.util.Optional;

import org.comptoir.api.graphql.ApiErrors;
import org.comptoir.api.tenant.ChamberResolution.Named;
import org.comptoir.api.tenant.TenantWebFilter;
import org.comptoir.tenants.CurrentTenant;
import org.comptoir.tenants.TenantContext;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@link RequestIdentity}'s check for HTTP (SSE and the WebSocket handshake included): the chamber
 * {@link TenantWebFilter} resolved against the authenticated token; a refusal is written before
 * anything executes, and a chamber the token's realm names joins the request.
 * Part of the security chain only, so not a bean (a WebFilter bean would also run outside it).
 */
class TenantIssuerFilter implements WebFilter {

	private final RequestIdentity identity;

	TenantIssuerFilter(RequestIdentity identity) {
		this.identity = identity;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		CurrentTenant attribute = exchange.getAttribute(TenantWebFilter.ATTRIBUTE);
		Named named = attribute == null ? new Named.None() : new Named.Known(attribute);
		return ReactiveSecurityContextHolder.getContext()
			.map(context -> Optional.ofNullable(context.getAuthentication()))
			.defaultIfEmpty(Optional.empty())
			.flatMap(authentication -> identity.check(named, authentication.orElse(null)))
			.flatMap(outcome -> {
				if (outcome instanceof RequestIdentity.Refused refused) {
					return ApiErrors.write(exchange.getResponse(), refused.status(), refused.code(), refused.message());
				}
				CurrentTenant tenant = ((RequestIdentity.Resolved) outcome).tenant();
				if (tenant == null || attribute != null) {
					return chain.filter(exchange);
				}
				exchange.getAttributes().put(TenantWebFilter.ATTRIBUTE, tenant);
				return chain.filter(exchange).contextWrite(ctx -> TenantContext.with(ctx, tenant));
			});
	}

}
