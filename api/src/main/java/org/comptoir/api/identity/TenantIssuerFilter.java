package org.comptoir.api.identity;

import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.api.tenant.TenantWebFilter;
import org.comptoir.tenants.CurrentTenant;
import org.comptoir.tenants.TenantContext;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The third rule of tenant resolution, and its guard: a token's realm must be the chamber named by
 * header or host (else {@code TENANT_MISMATCH}, 403, nothing executed); with no chamber named, the
 * token's realm names it.
 */
/** Part of the security chain only, so not a bean (a WebFilter bean would also run outside it). */
class TenantIssuerFilter implements WebFilter {

	private final TenantRegistry registry;

	TenantIssuerFilter(TenantRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.flatMap(authentication -> Mono.justOrEmpty(Caller.of(authentication)))
			.flatMap(caller -> check(exchange, chain, caller).thenReturn(true))
			.switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true)))
			.then();
	}

	private Mono<Void> check(ServerWebExchange exchange, WebFilterChain chain, Caller caller) {
		CurrentTenant named = exchange.getAttribute(TenantWebFilter.ATTRIBUTE);
		if (named != null) {
			if (!named.slug().equals(caller.realm())) {
				return TenantWebFilter.refuse(exchange.getResponse(), HttpStatus.FORBIDDEN, "TENANT_MISMATCH",
						"This token is from realm '" + caller.realm() + "', not from chamber '" + named.slug() + "'.");
			}
			return chain.filter(exchange);
		}
		if (Caller.PLATFORM_REALM.equals(caller.realm())) {
			return chain.filter(exchange);
		}
		return registry.bySlug(caller.realm())
			.map(Tenant::asCurrent)
			.flatMap(tenant -> {
				exchange.getAttributes().put(TenantWebFilter.ATTRIBUTE, tenant);
				return chain.filter(exchange).contextWrite(ctx -> TenantContext.with(ctx, tenant)).thenReturn(true);
			})
			.switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true)))
			.then();
	}

}
