package org.comptoir.api.protection;

import java.util.Map;

import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.identity.Caller;
import org.comptoir.tenants.CurrentTenant;
import org.comptoir.tenants.TenantContext;
import org.comptoir.api.graphql.InterceptorOrder;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Rate limits per chamber and per client (the signed-in user, or the address when anonymous, see
 * {@link ClientAddress}), right after the static limits (a document they refuse is refused whatever
 * the budget, and costs none of it): an operation takes as many tokens as it has root fields.
 * Anonymous visitors and signed-in callers draw on two chamber buckets, so visitors cannot use up the
 * members' budget. A refusal is {@code RATE_LIMITED} with {@code Retry-After} (seconds), 429 over HTTP.
 */
@Component
@Order(InterceptorOrder.RATE_LIMIT)
record RateLimitInterceptor(RateLimiter limiter, QueryLimits queryLimits, ClientAddress addresses) implements WebGraphQlInterceptor {

	private static final String ANONYMOUS = "address:";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		long operations = OperationShape.of(request, queryLimits).rootFields();
		return Mono.deferContextual(context -> {
			String chamber = TenantContext.get(context).map(CurrentTenant::slug).orElse("-");
			return ReactiveSecurityContextHolder.getContext()
				.map(SecurityContext::getAuthentication)
				.flatMap(authentication -> Mono.justOrEmpty(Caller.of(authentication)))
				.map(caller -> "user:" + caller.realm() + "/" + caller.userId())
				.defaultIfEmpty(ANONYMOUS + addresses.of(request.getRemoteAddress(), request.getHeaders()))
				.flatMap(client -> limiter.take(chamber, client, client.startsWith(ANONYMOUS), operations)
					.map(refusal -> Mono.just(refuse(request, refusal)))
					.orElseGet(() -> chain.next(request)));
		});
	}

	private static WebGraphQlResponse refuse(WebGraphQlRequest request, RateLimiter.Refusal refusal) {
		long seconds = Math.max(1, (refusal.retryAfter().toMillis() + 999) / 1000);
		String who = switch (refusal.scope()) {
			case "chamber" -> "this chamber's signed-in users";
			case "chamberAnonymous" -> "this chamber's anonymous visitors";
			default -> "you";
		};
		WebGraphQlResponse response = Refusals.response(request, Refusals.error(ErrorCode.RATE_LIMITED,
				"Too many requests from " + who + "; retry in " + seconds + " s.",
				Map.of("scope", refusal.scope(), "retryAfterSeconds", seconds)));
		response.getResponseHeaders().set("Retry-After", Long.toString(seconds));
		return response;
	}

}
