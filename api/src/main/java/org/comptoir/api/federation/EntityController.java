package org.comptoir.api.federation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import org.comptoir.api.graphql.ApiErrors;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.graphql.NodeLoader;
import org.comptoir.api.listing.Listing;
import org.comptoir.api.member.Member;
import org.comptoir.api.tenant.Tenant;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The federation entities. Each mapping takes the whole list of one type's representations from a
 * router's {@code _entities} call and answers in the same order. Every entity is read through the
 * type's {@link NodeLoader}, the one behind {@code node(id:)}, so a router sees exactly what the
 * request's chamber and caller may see through {@code node}: anything else is null plus an error
 * ({@code NOT_FOUND}, or {@code TENANT_NOT_FOUND} when a chamber-bound type is asked for with no chamber).
 */
@Controller
class EntityController {

	/** Loads running at once for one batch: a router's batch is bounded by its query, this bounds the database. */
	private static final int CONCURRENCY = 8;

	private final Map<String, NodeLoader> loaders;

	EntityController(List<NodeLoader> loaders) {
		this.loaders = loaders.stream().collect(Collectors.toUnmodifiableMap(NodeLoader::type, Function.identity()));
	}

	@EntityMapping
	Mono<List<Object>> tenant(@Argument List<@Nullable String> idList, GraphQLContext context) {
		return resolve(Tenant.TYPE, idList, context);
	}

	@EntityMapping
	Mono<List<Object>> member(@Argument List<@Nullable String> idList, GraphQLContext context) {
		return resolve(Member.TYPE, idList, context);
	}

	@EntityMapping
	Mono<List<Object>> listing(@Argument List<@Nullable String> idList, GraphQLContext context) {
		return resolve(Listing.TYPE, idList, context);
	}

	/** The loaders read the request's visit from the context, as for {@code node(id:)}. */
	private Mono<List<Object>> resolve(String type, List<@Nullable String> ids, GraphQLContext context) {
		NodeLoader loader = loaders.get(type);
		if (loader == null) {
			return Mono.error(new IllegalStateException("No NodeLoader for entity type " + type));
		}
		return Flux.fromIterable(ids).flatMapSequential(id -> load(loader, type, id, context), CONCURRENCY).collectList();
	}

	private static Mono<Object> load(NodeLoader loader, String type, @Nullable String id, GraphQLContext context) {
		Optional<GlobalId> globalId = Optional.ofNullable(id).flatMap(GlobalId::decode).filter(g -> g.type().equals(type));
		if (globalId.isEmpty()) {
			return Mono.just(new EntityRefusal(ErrorCode.BAD_USER_INPUT, "Not a " + type + " id: " + id));
		}
		return Mono.defer(() -> loader.load(globalId.get(), context))
			.<Object>map(Function.identity())
			.defaultIfEmpty(new EntityRefusal(ErrorCode.NOT_FOUND,
					"No " + type + " " + id + " is visible to this request (chamber, sign-in)."))
			.onErrorResume(ApiException.class, ex -> Mono.just(new EntityRefusal(ex.code(), ex.getMessage())));
	}

	/** Anything unexpected: logged with an id, answered with INTERNAL and no detail. */
	@GraphQlExceptionHandler
	GraphQLError unexpected(Throwable ex, DataFetchingEnvironment env) {
		return ApiErrors.of(ex, env, "at " + env.getExecutionStepInfo().getPath());
	}

}
