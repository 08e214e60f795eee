package org.comptoir.api.federation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.graphql.InterceptorOrder;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * {@code _service { sdl }} prints the whole schema, introspection or not: it is for the router. The
 * router proves itself with {@code X-Router-Secret} ({@code comptoir.federation.router-secret}); with
 * no secret configured, only a deployment with introspection on (development) serves it. Anyone else
 * gets {@code FORBIDDEN}. The interceptor notes whether the request came from the router; the
 * wrapped {@code _service} fetcher reads it.
 */
@Order(InterceptorOrder.ROUTER_ONLY)
final class RouterOnly implements WebGraphQlInterceptor {

	static final String HEADER = "X-Router-Secret";

	private static final String ROUTER = RouterOnly.class.getName();

	private static final String SERVICE = "_service";

	private final byte[] secret;

	private final boolean openWithoutSecret;

	RouterOnly(FederationProperties properties, boolean introspection) {
		this.secret = properties.hasRouterSecret() ? properties.routerSecret().getBytes(StandardCharsets.UTF_8) : null;
		this.openWithoutSecret = secret == null && introspection;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String given = request.getHeaders().getFirst(HEADER);
		boolean router = openWithoutSecret
				|| (secret != null && given != null && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8)));
		request.configureExecutionInput((input, builder) -> builder.graphQLContext(context -> context.put(ROUTER, router)).build());
		return chain.next(request);
	}

	/** The schema with {@code _service} answering the router only. */
	static GraphQLSchema apply(GraphQLSchema schema) {
		GraphQLFieldDefinition field = schema.getQueryType().getFieldDefinition(SERVICE);
		if (field == null) {
			return schema;
		}
		FieldCoordinates coordinates = FieldCoordinates.coordinates(schema.getQueryType(), field);
		DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(coordinates, field);
		GraphQLCodeRegistry registry = schema.getCodeRegistry().transform(builder -> builder.dataFetcher(coordinates,
				(DataFetcher<Object>) env -> Boolean.TRUE.equals(env.getGraphQlContext().get(ROUTER)) ? fetcher.get(env)
						: DataFetcherResult.newResult()
							.error(GraphqlErrorBuilder.newError(env)
								.message("_service is for the federation router only (" + HEADER + ").")
								.errorType(ErrorCode.FORBIDDEN)
								.extensions(Map.of("code", ErrorCode.FORBIDDEN.name()))
								.build())
							.build()));
		return schema.transformWithoutTypes(builder -> builder.codeRegistry(registry));
	}

}
