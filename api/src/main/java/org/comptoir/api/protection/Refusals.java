package org.comptoir.api.protection;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.comptoir.api.graphql.ErrorCode;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;

/** Responses for requests refused before execution: a GraphQL error with a contract code, nothing executed. */
final class Refusals {

	private Refusals() {
	}

	static GraphQLError error(ErrorCode code, String message, Map<String, Object> details) {
		Map<String, Object> extensions = new LinkedHashMap<>(details);
		extensions.put("code", code.name());
		return GraphqlErrorBuilder.newError().message(message).errorType(code).extensions(extensions).build();
	}

	static WebGraphQlResponse response(WebGraphQlRequest request, GraphQLError error) {
		ExecutionResult result = ExecutionResult.newExecutionResult().addError(error).build();
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
	}

	/** {@code QUERY_TOO_COMPLEX}, naming the limit and its value. */
	static GraphQLError tooComplex(String limit, long value, long max, String message) {
		return error(ErrorCode.QUERY_TOO_COMPLEX, message,
				Map.of("limit", limit, "value", value, "max", max));
	}

}
