package org.comptoir.api.protection;

import java.util.Map;

import graphql.language.OperationDefinition;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A query or mutation still running after {@code comptoir.limits.request-timeout} is cancelled: the
 * engine stops, the resolvers' subscriptions are cancelled and their SQL with them, and the client
 * gets {@code QUERY_TOO_COMPLEX} naming the limit. A client that goes away cancels the same way.
 * Subscriptions are long-lived by design and are not timed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 40)
class RequestTimeoutInterceptor implements WebGraphQlInterceptor {

	private final QueryLimits limits;

	RequestTimeoutInterceptor(QueryLimits limits) {
		this.limits = limits;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		OperationShape shape = OperationShape.of(request, limits);
		if (shape.kind().filter(kind -> kind == OperationDefinition.Operation.SUBSCRIPTION).isPresent()) {
			return chain.next(request);
		}
		InFlightFetches inFlight = new InFlightFetches();
		request.configureExecutionInput((input, builder) -> builder
			.graphQLContext(context -> context.put(InFlightFetches.class, inFlight))
			.build());
		long millis = limits.requestTimeout().toMillis();
		return chain.next(request)
			.timeout(limits.requestTimeout(), Mono.fromSupplier(() -> {
				inFlight.cancelAll();
				return Refusals.response(request, Refusals.error(org.comptoir.api.graphql.ErrorCode.QUERY_TOO_COMPLEX,
						"The request ran longer than " + millis + " ms (requestTimeout) and was cancelled; ask for less, or retry later.",
						Map.of("limit", "requestTimeout", "max", millis)));
			}))
			.doOnCancel(inFlight::cancelAll);
	}

}
