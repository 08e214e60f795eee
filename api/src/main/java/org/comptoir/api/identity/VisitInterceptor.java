package org.comptoir.api.identity;

import org.comptoir.api.graphql.InterceptorOrder;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Puts the request's {@link Visit}, resolved by the web filters or the socket, into the GraphQL context once. */
@Component
@Order(InterceptorOrder.VISIT)
class VisitInterceptor implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return Mono.deferContextual(context -> {
			Visit visit = Visit.of(context);
			request.configureExecutionInput((input, builder) -> builder.graphQLContext(c -> c.put(Visit.class, visit)).build());
			return chain.next(request);
		});
	}

}
