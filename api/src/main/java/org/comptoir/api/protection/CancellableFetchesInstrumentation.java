package org.comptoir.api.protection;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import org.springframework.stereotype.Component;

/**
 * Tracks what resolvers return (Spring turns their Mono into a future) so that an abandoned request
 * can cancel them: graphql-java's own cancellation only stops fetching further fields.
 */
@Component
class CancellableFetchesInstrumentation extends SimplePerformantInstrumentation {

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		if (parameters.isTrivialDataFetcher()) {
			return dataFetcher;
		}
		return environment -> {
			Object value = dataFetcher.get(environment);
			InFlightFetches inFlight = environment.getGraphQlContext().get(InFlightFetches.class);
			if (inFlight != null && value instanceof CompletableFuture<?> future && !future.isDone()) {
				inFlight.track(future);
				// a field cancelled with its request is no incident: it resolves to nothing
				return future.exceptionallyCompose(error -> error instanceof CancellationException
						? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(error));
			}
			return value;
		};
	}

}
