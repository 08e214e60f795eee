package org.comptoir.api.matchmaking;

import java.util.Map;
import java.util.UUID;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Errors that end a subscription's stream get a contract code, as data fetcher errors do: an
 * {@link ApiException}'s own, else {@code INTERNAL} with an incident id (the cause only in the log).
 */
@Component
class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

	private static final Logger log = LoggerFactory.getLogger(SubscriptionErrors.class);

	SubscriptionErrors() {
		setThreadLocalContextAware(false);
	}

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex) {
		if (ex instanceof ApiException api) {
			return error(api.code(), api.getMessage());
		}
		String incident = UUID.randomUUID().toString();
		log.error("Incident {} in a subscription", incident, ex);
		return error(ErrorCode.INTERNAL, "Internal error (incident " + incident + ").");
	}

	private static GraphQLError error(ErrorCode code, String message) {
		return GraphqlErrorBuilder.newError().message(message).errorType(code).extensions(Map.of("code", code.name())).build();
	}

}
