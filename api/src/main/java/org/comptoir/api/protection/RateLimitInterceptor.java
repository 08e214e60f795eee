package org.comptoir.api.protection;

import java.net.InetSocketAddress;
import java.util.Map;

import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.identity.Caller;
import org.comptoir.tenants.CurrentTenant;
import org.comptoir.tenants.TenantContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Rate limits per chamber and per client (the signed-in user, or the address when anonymous), before
 * anything else runs: an operation takes as many tokens as it has root fields. A refusal is
 * {@code RATE_LIMITED} with {@code Retry-After} (seconds), HTTP 429 over HTTP.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RateLimitInterceptor implements WebGraphQlInterceptor {

	private final RateLimiter limiter;

	private final QueryLimits queryLimits;

	RateLimitInterceptor(RateLimiter limiter, QueryLimits queryLimits) {
		this.limiter = limiter;
		this.queryLimits = queryLimits;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		long operations = OperationShape.of(request, queryLimits).rootFields();
		return Mono.deferContextual(context -> {
			String chamber = TenantContext.get(context).map(CurrentTenant::slug).orElse("-");
			return ReactiveSecurityContextHolder.getContext()
				.map(SecurityContext::getAuthentication)
				.flatMap(authentication -> Mono.justOrEmpty(Caller.of(authentication)))
				.map(caller -> "user:" + caller.realm() + "/" + caller.userId())
				.defaultIfEmpty("address:" + address(request.getRemoteAddress()))
				.flatMap(client -> limiter.take(chamber, client, operations)
					.map(refusal -> Mono.just(refuse(request, refusal)))
					.orElseGet(() -> chain.next(request)));
		});
	}

	private static WebGraphQlResponse refuse(WebGraphQlRequest request, RateLimiter.Refusal refusal) {
		long seconds = Math.max(1, (refusal.retryAfter().toMillis() + 999) / 1000);
		String who = "chamber".equals(refusal.scope()) ? "this chamber" : "you";
		WebGraphQlResponse response = Refusals.response(request, Refusals.error(ErrorCode.RATE_LIMITED,
				"Too many requests from " + who + "; retry in " + seconds + " s.",
				Map.of("scope", refusal.scope(), "retryAfterSeconds", seconds)));
		response.getResponseHeaders().set("Retry-After", Long.toString(seconds));
		return response;
	}

	private static String address(InetSocketAddress remote) {
		if (remote == null) {
			return "unknown";
		}
		return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
	}

}
