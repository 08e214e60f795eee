package org.comptoir.api.federation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLUnionType;
import org.comptoir.api.graphql.ErrorCode;
import org.springframework.graphql.execution.ErrorType;
import reactor.core.publisher.Mono;

/**
 * Wraps the {@code _entities} fetcher of Spring's federation support. A batched
 * {@code @EntityMapping} can only return a list, so the entities a chamber may not see come back as
 * {@link EntityRefusal}s; here each becomes null plus an error at {@code _entities.<index>}. The
 * errors Spring itself reports (a representation without {@code __typename}, an unknown type) get
 * a contract code too.
 */
final class EntityRefusals {

	static final String ENTITIES = "_entities";

	private static final String REPRESENTATIONS = "representations";

	private static final String ENTITY_UNION = "_Entity";

	private EntityRefusals() {
	}

	static GraphQLSchema apply(GraphQLSchema schema) {
		GraphQLFieldDefinition field = schema.getQueryType().getFieldDefinition(ENTITIES);
		if (field == null) {
			return schema; // no @key in the SDL: no entities to guard
		}
		FieldCoordinates coordinates = FieldCoordinates.coordinates(schema.getQueryType(), field);
		DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(coordinates, field);
		Set<String> entityTypes = schema.getType(ENTITY_UNION) instanceof GraphQLUnionType union
				? union.getTypes().stream().map(GraphQLNamedType::getName).collect(Collectors.toUnmodifiableSet()) : Set.of();
		GraphQLCodeRegistry registry = schema.getCodeRegistry().transform(builder -> builder.dataFetcher(coordinates,
				(DataFetcher<Object>) env -> wrap(fetcher.get(env), env, entityTypes)));
		return schema.transformWithoutTypes(builder -> builder.codeRegistry(registry));
	}

	private static Object wrap(Object fetched, DataFetchingEnvironment env, Set<String> entityTypes) {
		if (fetched instanceof Mono<?> mono) {
			return mono.map(result -> result instanceof DataFetcherResult<?> r ? convert(r, env, entityTypes) : result);
		}
		return fetched instanceof DataFetcherResult<?> result ? convert(result, env, entityTypes) : fetched;
	}

	private static DataFetcherResult<List<Object>> convert(DataFetcherResult<?> result, DataFetchingEnvironment env,
			Set<String> entityTypes) {
		List<?> representations = env.getArgument(REPRESENTATIONS) instanceof List<?> list ? list : List.of();
		List<GraphQLError> errors = new ArrayList<>(result.getErrors().stream()
			.map(error -> withCode(error, unknownType(error, representations, entityTypes)))
			.toList());
		List<Object> entities = new ArrayList<>();
		if (result.getData() instanceof List<?> list) {
			for (int index = 0; index < list.size(); index++) {
				Object entity = list.get(index);
				if (entity instanceof EntityRefusal refusal) {
					errors.add(error(refusal.code(), refusal.message(), env, index));
					entity = null;
				}
				entities.add(entity);
			}
		}
		return DataFetcherResult.<List<Object>>newResult().data(entities).errors(errors).build();
	}

	private static GraphQLError error(ErrorCode code, String message, DataFetchingEnvironment env, int index) {
		return GraphqlErrorBuilder.newError()
			.message(message)
			.path(env.getExecutionStepInfo().getPath().segment(index))
			.location(env.getField().getSourceLocation())
			.errorType(code)
			.extensions(Map.of("code", code.name()))
			.build();
	}

	/** The {@code __typename} of the representation an error is about, when it names no entity type of ours. */
	private static String unknownType(GraphQLError error, List<?> representations, Set<String> entityTypes) {
		List<Object> path = error.getPath();
		if (path != null && path.size() == 2 && path.get(1) instanceof Integer index && index < representations.size()
				&& representations.get(index) instanceof Map<?, ?> representation
				&& representation.get("__typename") instanceof String type && !entityTypes.contains(type)) {
			return type;
		}
		return null;
	}

	/** Spring's own representation errors: a bad representation is the caller's fault. */
	private static GraphQLError withCode(GraphQLError error, String unknownType) {
		if (error.getExtensions() != null && error.getExtensions().containsKey("code")) {
			return error;
		}
		ErrorCode code = error.getErrorType() == ErrorType.BAD_REQUEST || unknownType != null ? ErrorCode.BAD_USER_INPUT
				: error.getErrorType() == ErrorType.NOT_FOUND ? ErrorCode.NOT_FOUND : null;
		if (code == null) {
			return error; // left to ErrorCodeInterceptor: INTERNAL, message hidden
		}
		Map<String, Object> extensions = new LinkedHashMap<>();
		if (error.getExtensions() != null) {
			extensions.putAll(error.getExtensions());
		}
		extensions.put("code", code.name());
		return GraphqlErrorBuilder.newError()
			.message(unknownType != null ? "'" + unknownType + "' is not an entity type of this subgraph." : error.getMessage())
			.path(error.getPath())
			.locations(error.getLocations())
			.errorType(code)
			.extensions(extensions)
			.build();
	}

}
