package org.comptoir.api.graphql;

import java.util.UUID;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Turns any exception of a data fetcher into an error with a contract code. Only {@link ApiException}
 * messages reach the client; anything else is logged with an id and answered with {@code INTERNAL}, so
 * no stack trace, class name or SQL ever leaves the server.
 */
@Component
class ApiExceptionResolver extends DataFetcherExceptionResolverAdapter {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionResolver.class);

	ApiExceptionResolver() {
		setThreadLocalContextAware(false);
	}

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (ex instanceof ApiException api) {
			return error(env, api.code(), api.getMessage());
		}
		if (ex instanceof AuthenticationException) {
			return error(env, ErrorCode.UNAUTHENTICATED, "Sign in to do this.");
		}
		if (ex instanceof AccessDeniedException) {
			return error(env, ErrorCode.FORBIDDEN, "You may not do this.");
		}
		String incident = UUID.randomUUID().toString();
		log.error("Incident {} at {}", incident, env.getExecutionStepInfo().getPath(), ex);
		return error(env, ErrorCode.INTERNAL, "Internal error (incident " + incident + ").");
	}

	private static GraphQLError error(DataFetchingEnvironment env, ErrorCode code, String message) {
		return GraphqlErrorBuilder.newError(env).message(message).errorType(code).extensions(java.util.Map.of("code", code.name())).build();
	}

}
