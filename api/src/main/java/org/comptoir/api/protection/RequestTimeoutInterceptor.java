package org.comptoir.api.protection;

import java.util.Map;

import graphql.language.OperationDefinition;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.graphql.InFlight;
import org.comptoir.api.graphql.InterceptorOrder;
import org.comptoir.api.identity.Caller;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * A query or mutation still running after {@code comptoir.limits.request-timeout} is cancelled: the
 * engine stops, the resolvers' subscriptions are cancelled and their SQL with them, and the client
 * gets {@code QUERY_TOO_COMPLEX} naming the limit. A client that goes away cancels the same way.
 * Subscriptions are long-lived by design and are not timed. An anonymous request's statements each
 * get {@code comptoir.limits.anonymous-statement-timeout} from PostgreSQL, not the server-wide bound.
 */
@Component
@Order(InterceptorOrder.REQUEST_TIMEOUT)
record RequestTimeoutInterceptor(QueryLimits limits) implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		OperationShape shape = OperationShape.of(request, limits);
		if (shape.kind().filter(kind -> kind == OperationDefinition.Operation.SUBSCRIPTION).isPresent()) {
			return chain.next(request);
		}
		InFlightFetches inFlight = new InFlightFetches();
		request.configureExecutionInput((input, builder) -> builder
			.graphQLContext(context -> context.put(InFlight.class, inFlight))
			.build());
		long millis = limits.requestTimeout().toMillis();
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(authentication -> Caller.of(authentication).isPresent())
			.hasElement()
			.flatMap(signedIn -> signedIn ? chain.next(request) : chain.next(request)
				.contextWrite(context -> TenantTransactions.withStatementTimeout(context, limits.anonymousStatementTimeout())))
			.timeout(limits.requestTimeout(), Mono.fromSupplier(() -> {
				inFlight.cancelAll();
				return Refusals.response(request, Refusals.error(org.comptoir.api.graphql.ErrorCode.QUERY_TOO_COMPLEX,
						"The request ran longer than " + millis + " ms (requestTimeout) and was cancelled; ask for less, or retry later.",
						Map.of("limit", "requestTimeout", "max", millis)));
			}))
			// a client gone: its fetches are cancelled once the cancel has reached every interceptor after this one
			// (doFinally, not doOnCancel), so no half-cancelled answer is taken for the request's answer (idempotency)
			.doFinally(signal -> {
				if (signal == SignalType.CANCEL) {
					inFlight.cancelAll();
				}
			});
	}

}
