package org.comptoir.api.graphql.compiled;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.comptoir.api.graphql.CompiledFields;
import org.comptoir.api.graphql.CompiledFields.FieldValue;
import org.comptoir.api.graphql.CompiledFields.LoadedValue;
import org.comptoir.api.graphql.CompiledFields.NotHere;
import org.comptoir.api.graphql.CompiledFields.RootField;
import org.comptoir.api.graphql.InFlight;
import org.comptoir.api.graphql.compiled.CompiledDocument.Declared;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.ContextPropagationHelper;
import org.springframework.graphql.execution.GraphQlSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * Known pages written in one pass: a query whose every field a feature declared ({@link CompiledFields})
 * or is a plain property is answered by loading its root fields with the very methods their controllers
 * run, then writing the selection with one JSON generator, instead of graphql-java resolving and
 * Jackson writing some 650 fields of a search page one by one. Everything before execution stays as it
 * is: parsing and validation (cached), variables coerced, limits and cost checked (the instrumentation's
 * {@code beginExecuteOperation}), interceptors, rate limits. Anything else, and any error or value the
 * pass cannot write as graphql-java would (a null on a non-null field, a value still to load), runs the
 * general way from the start, so errors keep their codes, paths and messages.
 * <p>
 * Set as graphql-java's query strategy, in front of the one Spring configured (which keeps its exception
 * handler); {@code comptoir.graphql.compiled-pages=false} leaves graphql-java's alone.
 */
final class CompiledPages extends ExecutionStrategy {

	private static final Logger log = LoggerFactory.getLogger(CompiledPages.class);

	private final ExecutionStrategy general;

	private final Declared declared;

	private final JsonMapper json;

	private final Counter compiled;

	private final Counter fellBack;

	/** Per parsed document (kept by {@code ParsedDocuments}, so the same object for the same text) and operation. */
	private final Cache<OperationDefinition, Optional<CompiledDocument>> documents = Caffeine.newBuilder()
		.weakKeys()
		.maximumSize(10_000)
		.build();

	private CompiledPages(ExecutionStrategy general, Declared declared, JsonMapper json, MeterRegistry meters) {
		this.general = general;
		this.declared = declared;
		this.json = json;
		this.compiled = Counter.builder("comptoir.graphql.compiled").tag("outcome", "written").register(meters);
		this.fellBack = Counter.builder("comptoir.graphql.compiled").tag("outcome", "general").register(meters);
	}

	@Override
	public CompletableFuture<ExecutionResult> execute(ExecutionContext execution, ExecutionStrategyParameters parameters) {
		GraphQLSchema schema = execution.getGraphQLSchema();
		Optional<CompiledDocument> document = documents.get(execution.getOperationDefinition(), operation -> compile(operation, schema));
		if (document.isEmpty()) {
			return general.execute(execution, parameters);
		}
		CompletableFuture<ExecutionResult> answer = document.get()
			.answer(execution)
			.map(page -> {
				compiled.increment();
				return ExecutionResult.newExecutionResult()
					.data(page.data() == null ? null : new RawValue(page.data()))
					.errors(page.errors())
					.build();
			})
			.onErrorResume(error -> {
				fellBack.increment();
				log.debug("{} answered the general way: {}", name(execution.getOperationDefinition()), error.toString());
				return Mono.fromFuture(() -> general.execute(execution, parameters));
			})
			// the request's Reactor context (statement timeout, read-your-writes mark), as Spring gives a resolver's Mono
			.contextWrite(context -> ContextPropagationHelper.captureFrom(execution.getGraphQLContext()).updateContext(context))
			.toFuture();
		// an abandoned request cancels its page's load, and so its SQL, as it cancels a resolver's
		InFlight inFlight = execution.getGraphQLContext().get(InFlight.class);
		if (inFlight != null) {
			inFlight.track(answer);
		}
		return answer;
	}

	private Optional<CompiledDocument> compile(OperationDefinition operation, GraphQLSchema schema) {
		try {
			return Optional.of(CompiledDocument.compile(operation, schema, declared, json));
		}
		catch (NotHere ex) {
			log.debug("{} is not compiled: {}", name(operation), ex.getMessage());
			return Optional.empty();
		}
	}

	private static String name(OperationDefinition operation) {
		return operation.getName() == null ? "An unnamed query" : operation.getName();
	}

	/** A GraphQL source whose query strategy is this one in front of the built one. */
	private record Source(GraphQL graphQl, GraphQLSchema schema) implements GraphQlSource {
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		GraphQlSourceBuilderCustomizer compiledPages(ObjectProvider<CompiledFields> features, JsonMapper json, MeterRegistry meters,
				@Value("${comptoir.graphql.compiled-pages:true}") boolean enabled) {
			return builder -> builder.graphQlSourceFactory((graphQl, schema) -> {
				if (!enabled) {
					return new Source(graphQl, schema);
				}
				Declared declared = declared(features.orderedStream().toList());
				return new Source(graphQl.transform(b -> b.queryExecutionStrategy(
						new CompiledPages(graphQl.getQueryStrategy(), declared, json, meters))), schema);
			});
		}

		private static Declared declared(List<CompiledFields> features) {
			Map<String, RootField> roots = new HashMap<>();
			Map<String, Declared.Value> fields = new HashMap<>();
			for (CompiledFields feature : features) {
				feature.declare(new CompiledFields.Declarations() {

					@Override
					public void root(String field, RootField loader) {
						if (roots.putIfAbsent(field, loader) != null) {
							throw new IllegalStateException("Query." + field + " is declared twice");
						}
					}

					@Override
					public <S> void field(String type, String field, Class<S> source, FieldValue<S> value) {
						add(type, field, new Declared.Value(source, value, null));
					}

					@Override
					public <S> void loaded(String type, String field, Class<S> source, LoadedValue<S> value) {
						add(type, field, new Declared.Value(source, null, value));
					}

					private void add(String type, String field, Declared.Value value) {
						if (fields.putIfAbsent(type + "." + field, value) != null) {
							throw new IllegalStateException(type + "." + field + " is declared twice");
						}
					}
				});
			}
			return new Declared(Map.copyOf(roots), Map.copyOf(fields));
		}

	}

}
