package org.comptoir.api.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gives every error a contract code: errors raised before execution (syntax, validation, variable
 * coercion, including invalid scalars) become {@code BAD_USER_INPUT}; anything else without a code
 * is {@code INTERNAL}.
 */
@Component
@Order(InterceptorOrder.ERROR_CODES)
class ErrorCodeInterceptor implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map(response -> {
			List<GraphQLError> errors = response.getExecutionResult().getErrors();
			if (errors.isEmpty() || errors.stream().allMatch(ErrorCodeInterceptor::hasCode)) {
				return response;
			}
			return response.transform(builder -> builder.errors(errors.stream().map(ErrorCodeInterceptor::withCode).toList()));
		});
	}

	private static boolean hasCode(GraphQLError error) {
		return error.getExtensions() != null && error.getExtensions().containsKey("code");
	}

	private static GraphQLError withCode(GraphQLError error) {
		if (hasCode(error)) {
			return error;
		}
		ErrorClassification type = error.getErrorType();
		boolean userFault = type == ErrorType.ValidationError || type == ErrorType.InvalidSyntax
				|| "ValidationError".equals(String.valueOf(type)) || type == ErrorType.OperationNotSupported;
		Map<String, Object> extensions = new LinkedHashMap<>();
		if (error.getExtensions() != null) {
			extensions.putAll(error.getExtensions());
		}
		ErrorCode code = userFault ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL;
		extensions.remove("classification");
		extensions.put("code", code.name());
		String message = userFault ? error.getMessage() : "Internal error.";
		return GraphqlErrorBuilder.newError()
			.message(message)
			.locations(error.getLocations())
			.path(error.getPath())
			.errorType(code)
			.extensions(extensions)
			.build();
	}

}
