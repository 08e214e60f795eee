package org.comptoir.api.graphql;

import java.util.Map;
import java.util.Set;

import graphql.GraphQLContext;
import reactor.core.publisher.Mono;

/**
 * What a feature lets a compiled page answer: the root fields it loads and the fields its controllers
 * map, each given as the very method the controller runs. A page whose every field is declared here, or
 * is a plain property (read as graphql-java reads it), is written in one pass instead of resolved field
 * by field ({@code graphql.compiled.CompiledPages}).
 */
public interface CompiledFields {

	void declare(Declarations declarations);

	interface Declarations {

		/** A root field of {@code Query}: loaded once per request, its selection written from what it returns. */
		void root(String field, RootField loader);

		/** A field of an object type whose value is at hand (no I/O). */
		<S> void field(String type, String field, Class<S> source, FieldValue<S> value);

		/**
		 * A field whose value is read (a statement of its own, as its resolver sends): loaded once per
		 * request and source before the page is written.
		 */
		<S> void loaded(String type, String field, Class<S> source, LoadedValue<S> value);
	}

	@FunctionalInterface
	interface RootField {

		/** {@code selected}: the names of the fields the request selects on the value. */
		Mono<?> load(Arguments arguments, Set<String> selected, GraphQLContext context);
	}

	@FunctionalInterface
	interface FieldValue<S> {

		Object get(S source, Arguments arguments, GraphQLContext context);
	}

	@FunctionalInterface
	interface LoadedValue<S> {

		Mono<?> load(S source, Arguments arguments, GraphQLContext context);
	}

	/** A field's arguments as graphql-java coerced them, bound to Java types as a controller's would be. */
	interface Arguments {

		Map<String, Object> values();

		<T> T get(String name, Class<T> type);
	}

	/**
	 * A field that cannot answer here (a value not in memory, a value that needs a loader): the request
	 * runs the general way, field by field, from the start.
	 */
	final class NotHere extends RuntimeException {

		private static final long serialVersionUID = 1L;

		public NotHere(String why) {
			super(why, null, false, false);
		}
	}

}
