package org.comptoir.api.protection;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import org.comptoir.api.graphql.InFlight;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's one graphql-java instrumentation: every hook of an instrumentation runs for every field of
 * every request, so the protections share one. Before the first resolver, the operation's page sizes
 * and cost ({@link QueryCost}); around each resolver that may wait (not a property read), its future
 * tracked so that an abandoned request cancels it ({@link InFlightFetches}: graphql-java's own
 * cancellation only stops fetching further fields). Spring for GraphQL's observation instrumentation,
 * which wraps every resolver, is not configured (see {@code ComptoirApplication}).
 */
class ProtectionInstrumentation extends SimplePerformantInstrumentation {

	private final QueryCost cost;

	ProtectionInstrumentation(QueryLimits limits) {
		this.cost = new QueryCost(limits);
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
			InstrumentationState state) {
		cost.check(parameters.getExecutionContext());
		return super.beginExecuteOperation(parameters, state);
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		if (parameters.isTrivialDataFetcher()) {
			return dataFetcher;
		}
		return environment -> {
			Object value = dataFetcher.get(environment);
			if (value instanceof CompletableFuture<?> future && !future.isDone()) {
				InFlight inFlight = environment.getGraphQlContext().get(InFlight.class);
				if (inFlight != null) {
					inFlight.track(future);
					// a field cancelled with its request is no incident: it resolves to nothing
					return future.exceptionallyCompose(error -> error instanceof CancellationException
							? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(error));
				}
			}
			return value;
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		ProtectionInstrumentation protectionInstrumentation(QueryLimits limits) {
			return new ProtectionInstrumentation(limits);
		}

		/**
		 * Spring wraps the instrumentation beans in a {@code ChainedInstrumentation} even when there is one,
		 * which adds a state lookup and a context object per hook and field: the one is given to graphql-java
		 * as it is. Should another instrumentation bean appear, Spring's chain is left as it is.
		 */
		@Bean
		GraphQlSourceBuilderCustomizer oneInstrumentation(ObjectProvider<Instrumentation> instrumentations,
				ProtectionInstrumentation protection) {
			return builder -> builder.configureGraphQl(graphQl -> {
				if (instrumentations.stream().allMatch(instrumentation -> instrumentation == protection)) {
					graphQl.instrumentation(protection);
				}
			});
		}

	}

}
