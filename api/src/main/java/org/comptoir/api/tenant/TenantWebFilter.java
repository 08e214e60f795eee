package org.comptoir.api.tenant;

import java.nio.charset.StandardCharsets;

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
				return refuse(exchange.getResponse(), HttpStatus.NOT_FOUND, "TENANT_NOT_FOUND", unknown.message());
			}
			if (named instanceof ChamberResolution.Named.Known) {
				exchange.getAttributes().put(ATTRIBUTE, named);
			}
			return chain.filter(exchange);
		});
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
