package org.comptoir.api.identity;

import java.util.Optional;

import org.comptoir.api.graphql.ApiErrors;
import org.comptoir.api.tenant.ChamberResolution.Named;
import org.comptoir.api.tenant.TenantWebFilter;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@link RequestIdentity}'s check for HTTP (SSE and the WebSocket handshake included): the chamber
 * {@link TenantWebFilter} named against the authenticated token; a refusal is written before
 * anything executes, else the {@link Visit} joins the request's Reactor context.
 * Part of the security chain only, so not a bean (a WebFilter bean would also run outside it).
 */
record TenantIssuerFilter(RequestIdentity identity) implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Named named = exchange.getAttributeOrDefault(TenantWebFilter.ATTRIBUTE, new Named.None());
		return ReactiveSecurityContextHolder.getContext()
			.map(context -> Optional.ofNullable(context.getAuthentication()))
			.defaultIfEmpty(Optional.empty())
			.flatMap(authentication -> identity.check(named, authentication.orElse(null)))
			.flatMap(outcome -> {
				if (outcome instanceof RequestIdentity.Refused refused) {
					return ApiErrors.write(exchange.getResponse(), refused.status(), refused.code(), refused.message());
				}
				Visit visit = ((RequestIdentity.Resolved) outcome).visit();
				return chain.filter(exchange).contextWrite(visit::into);
			});
	}

}
