package org.comptoir.api.matchmaking;

import graphql.GraphQLError;
import org.comptoir.api.graphql.ApiErrors;
import org.comptoir.api.graphql.ApiException;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Errors that end a subscription's stream get a contract code, as data fetcher errors do: an
 * {@link ApiException}'s own, else {@code INTERNAL} with an incident id (the cause only in the log).
 */
@Component
class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

	SubscriptionErrors() {
		setThreadLocalContextAware(false);
	}

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex) {
		return ApiErrors.of(ex, null, "in a subscription");
	}

}
