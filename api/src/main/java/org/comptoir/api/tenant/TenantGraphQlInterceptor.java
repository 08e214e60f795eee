package org.comptoir.api.tenant;

import org.comptoir.tenants.TenantContext;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Copies the chamber from the Reactor context into the GraphQL context, where resolvers and batch loaders read it. */
@Component
class TenantGraphQlInterceptor implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return Mono.deferContextual(ctx -> {
			TenantContext.get(ctx).ifPresent(tenant -> request
				.configureExecutionInput((input, builder) -> builder.graphQLContext(c -> c.put(tenant.getClass(), tenant)).build()));
			return chain.next(request);
		});
	}

}
