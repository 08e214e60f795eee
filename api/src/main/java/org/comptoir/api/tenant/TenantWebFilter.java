package org.comptoir.api.tenant;

import java.nio.charset.StandardCharsets;

import org.comptoir.api.ComptoirProperties;
import org.comptoir.tenants.CurrentTenant;
import org.comptoir.tenants.TenantContext;
import org.comptoir.tenants.TenantResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
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

	private final TenantRegistry registry;

	private final TenantResolver resolver;

	TenantWebFilter(TenantRegistry registry, ComptoirProperties properties) {
		this.registry = registry;
		this.resolver = new TenantResolver(properties.baseDomain(), registry::slugOfDomain);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith("/graphql")) {
			return chain.filter(exchange);
		}
		String header = exchange.getRequest().getHeaders().getFirst("X-Tenant");
		String host = exchange.getRequest().getHeaders().getFirst("Host");
		if (!(resolver.resolve(header, host) instanceof TenantResolver.Resolution.Named named)) {
			return chain.filter(exchange);
		}
		return registry.bySlug(named.slug())
			.map(Tenant::asCurrent)
			.flatMap(tenant -> {
				exchange.getAttributes().put(ATTRIBUTE, tenant);
				return chain.filter(exchange).contextWrite(ctx -> TenantContext.with(ctx, tenant)).thenReturn(true);
			})
			.switchIfEmpty(Mono.defer(() -> refuse(exchange.getResponse(), HttpStatus.NOT_FOUND, "TENANT_NOT_FOUND",
					"No chamber '" + named.slug() + "' (from " + named.source() + ").").thenReturn(true)))
			.then();
	}

	/** Writes a GraphQL-shaped error response: the request is refused before any execution. */
	public static Mono<Void> refuse(ServerHttpResponse response, HttpStatus status, String code, String message) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		String body = "{\"errors\":[{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
				+ "\",\"extensions\":{\"code\":\"" + code + "\"}}]}";
		DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}

}
