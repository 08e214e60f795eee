package org.comptoir.api.graphql;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Turns any exception of a data fetcher into an error with a contract code. Only {@link ApiException}
 * messages reach the client; anything else is logged with an id and answered with {@code INTERNAL}, so
 * no stack trace, class name or SQL ever leaves the server.
 */
@Component
class ApiExceptionResolver extends DataFetcherExceptionResolverAdapter {

	ApiExceptionResolver() {
		setThreadLocalContextAware(false);
	}

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		return ApiErrors.of(ex, env, "at " + env.getExecutionStepInfo().getPath());
	}

}
