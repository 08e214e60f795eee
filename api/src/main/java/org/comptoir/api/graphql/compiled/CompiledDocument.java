package org.comptoir.api.graphql.compiled;

import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ResultPath;
import graphql.execution.ValuesResolver;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.CompiledFields.Arguments;
import org.comptoir.api.graphql.CompiledFields.FieldValue;
import org.comptoir.api.graphql.CompiledFields.LoadedValue;
import org.comptoir.api.graphql.CompiledFields.NotHere;
import org.comptoir.api.graphql.CompiledFields.RootField;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.graphql.data.GraphQlArgumentBinder;
import org.springframework.validation.BindException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * One query document, compiled: its root fields with their loaders, and under each the tree of
 * selected fields with how each reads its value (a feature's declared method, or the property
 * graphql-java would read) and the schema type that serializes it. Written in one pass with one JSON
 * generator; a value graphql-java would answer differently (a null where the schema says non-null, a
 * value still to load) stops the pass ({@link NotHere}) and the request runs the general way.
 * Compiled only when every field is one of those: no fragments, no directives, no interfaces.
 */
final class CompiledDocument {

	/** How a field reads its value from its parent's. */
	private interface Reader {

		@Nullable
		Object read(Object source, Run run, Node node);
	}

	/** A selected field: its response key, definition, reader and, for an object, its own selection. */
	private record Node(String key, Field field, GraphQLFieldDefinition definition, Reader reader, List<Node> children) {

		GraphQLOutputType type() {
			return definition.getType();
		}

		/** A field of the compiled document is itself: a load's key. */
		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}
	}

	/** A root field of the operation and its loader. */
	private record Root(Node node, RootField loader, Set<String> selected) {
	}

	/**
	 * One request: its execution context (variables, graphql context, locale), the values of loaded
	 * fields read so far (by field and source), and in each pass its generator and the loads it met.
	 */
	private static final class Run {

		private final ExecutionContext execution;

		private final Map<Load, Optional<Object>> loaded = new HashMap<>();

		private final Map<Load, Mono<?>> pending = new LinkedHashMap<>();

		/** A field's arguments depend on the variables only: resolved once, not for every row. */
		private final Map<Node, Arguments> arguments = new HashMap<>();

		private @Nullable JsonGenerator out;

		Run(ExecutionContext execution) {
			this.execution = execution;
		}

		ExecutionContext execution() {
			return execution;
		}

		JsonGenerator out() {
			return out;
		}
	}

	/** A loaded field of one source (sources compare by value: records, and listings and companies by key). */
	private record Load(Node node, Object source) {
	}

	/** A loaded field's value in a pass that has not loaded it yet: written as null, the pass written again. */
	private static final Object PENDING = new Object();

	/** Passes at most: a page whose loaded fields hold more loaded fields than this, the general way's. */
	private static final int PASSES = 3;

	private static final GraphQlArgumentBinder BINDER = new GraphQlArgumentBinder();

	private static final Arguments NO_ARGUMENTS = new BoundArguments(Map.of());

	private final List<Root> roots;

	private final JsonMapper json;

	private CompiledDocument(List<Root> roots, JsonMapper json) {
		this.roots = roots;
		this.json = json;
	}

	/** The compiled document; {@link NotHere} when one of its fields is not for this path. */
	static CompiledDocument compile(OperationDefinition operation, GraphQLSchema schema, Declared declared, JsonMapper json) {
		if (operation.getOperation() != OperationDefinition.Operation.QUERY || !operation.getDirectives().isEmpty()) {
			throw new NotHere("not a query, or a directive on the operation");
		}
		GraphQLObjectType query = schema.getQueryType();
		List<Root> roots = new ArrayList<>();
		for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
			Field field = plainField(selection);
			RootField loader = declared.roots().get(field.getName());
			GraphQLFieldDefinition definition = query.getFieldDefinition(field.getName());
			if (loader == null || definition == null) {
				throw new NotHere("Query." + field.getName() + " has no loader");
			}
			List<Node> children = children(definition.getType(), field.getSelectionSet(), schema, declared);
			Set<String> selected = new LinkedHashSet<>();
			children.forEach(child -> selected.add(child.field().getName()));
			Node node = new Node(key(field), field, definition, (source, run, self) -> source, children);
			roots.add(new Root(node, loader, Set.copyOf(selected)));
		}
		return new CompiledDocument(List.copyOf(roots), json);
	}

	/** A field with no directive: fragments and {@code @include}/{@code @skip} are the general way's. */
	private static Field plainField(Selection<?> selection) {
		if (!(selection instanceof Field field)) {
			throw new NotHere("a fragment");
		}
		if (!field.getDirectives().isEmpty()) {
			throw new NotHere(field.getName() + ": a directive");
		}
		return field;
	}

	private static List<Node> children(GraphQLOutputType type, @Nullable SelectionSet selectionSet, GraphQLSchema schema,
			Declared declared) {
		GraphQLType unwrapped = unwrap(type);
		if (unwrapped instanceof GraphQLScalarType || unwrapped instanceof GraphQLEnumType) {
			return List.of();
		}
		if (!(unwrapped instanceof GraphQLObjectType object) || selectionSet == null) {
			throw new NotHere(unwrapped + ": not an object type");
		}
		List<Node> nodes = new ArrayList<>();
		for (Selection<?> selection : selectionSet.getSelections()) {
			nodes.add(node(object, plainField(selection), schema, declared));
		}
		return List.copyOf(nodes);
	}

	private static Node node(GraphQLObjectType parent, Field field, GraphQLSchema schema, Declared declared) {
		if (field.getName().equals("__typename")) {
			String name = parent.getName();
			return new Node(key(field), field, schema.getIntrospectionTypenameFieldDefinition(), (source, run, self) -> name, List.of());
		}
		GraphQLFieldDefinition definition = parent.getFieldDefinition(field.getName());
		if (definition == null || field.getName().startsWith("__")) {
			throw new NotHere(parent.getName() + "." + field.getName() + ": introspection");
		}
		Reader reader = reader(parent, definition, schema, declared);
		return new Node(key(field), field, definition, reader, children(definition.getType(), field.getSelectionSet(), schema, declared));
	}

	/** The feature's declared method, else graphql-java's own property read when that is the field's fetcher. */
	@SuppressWarnings("unchecked")
	private static Reader reader(GraphQLObjectType parent, GraphQLFieldDefinition definition, GraphQLSchema schema,
			Declared declared) {
		Declared.Value declaredValue = declared.fields().get(parent.getName() + "." + definition.getName());
		if (declaredValue != null) {
			Class<?> sourceType = declaredValue.source();
			FieldValue<Object> value = (FieldValue<Object>) declaredValue.value();
			LoadedValue<Object> loads = (LoadedValue<Object>) declaredValue.loads();
			return (source, run, node) -> {
				if (!sourceType.isInstance(source)) {
					throw new NotHere(node.key() + ": a " + source.getClass().getSimpleName());
				}
				if (value != null) {
					return value.get(source, arguments(node, run), run.execution().getGraphQLContext());
				}
				Load load = new Load(node, source);
				Optional<Object> known = run.loaded.get(load);
				if (known != null) {
					return known.orElse(null);
				}
				run.pending.computeIfAbsent(load, l -> loads.load(source, arguments(node, run), run.execution().getGraphQLContext()));
				return PENDING;
			};
		}
		DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(parent, definition), definition);
		// graphql-java's own property reads (PropertyDataFetcher, and its default for fields with no fetcher)
		if (fetcher instanceof LightDataFetcher<?> property && fetcher.getClass().getPackageName().equals("graphql.schema")
				&& definition.getArguments().isEmpty()) {
			String name = property instanceof PropertyDataFetcher<?> named ? named.getPropertyName() : definition.getName();
			return new Property(name, definition, property);
		}
		throw new NotHere(parent.getName() + "." + definition.getName() + ": resolved by " + fetcher.getClass().getSimpleName());
	}

	/**
	 * A property read: a record's component by its accessor (what graphql-java reads first for a record,
	 * without its per-read lookup), anything else by graphql-java's own fetcher. The accessor of the last
	 * class seen is kept: a field's sources are of one class.
	 */
	private static final class Property implements Reader {

		private record Accessor(Class<?> type, @Nullable Method method) {
		}

		private final @Nullable String name;

		private final GraphQLFieldDefinition definition;

		private final LightDataFetcher<?> graphqlJava;

		private volatile @Nullable Accessor last;

		Property(@Nullable String name, GraphQLFieldDefinition definition, LightDataFetcher<?> graphqlJava) {
			this.name = name;
			this.definition = definition;
			this.graphqlJava = graphqlJava;
		}

		@Override
		public @Nullable Object read(Object source, Run run, Node node) {
			Accessor accessor = last;
			if (accessor == null || accessor.type() != source.getClass()) {
				accessor = new Accessor(source.getClass(), component(source.getClass()));
				last = accessor;
			}
			try {
				if (accessor.method() != null) {
					return accessor.method().invoke(source);
				}
				return graphqlJava.get(definition, source, () -> {
					throw new NotHere(node.key() + ": needs an environment");
				});
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new NotHere(node.key() + ": " + ex.getMessage());
			}
		}

		private @Nullable Method component(Class<?> type) {
			if (name == null || !type.isRecord()) {
				return null;
			}
			for (RecordComponent component : type.getRecordComponents()) {
				if (component.getName().equals(name)) {
					Method accessor = component.getAccessor();
					accessor.setAccessible(true);
					return accessor;
				}
			}
			return null;
		}
	}

	private static String key(Field field) {
		return field.getAlias() != null ? field.getAlias() : field.getName();
	}

	private static GraphQLType unwrap(GraphQLType type) {
		GraphQLType current = type;
		while (current instanceof GraphQLNonNull || current instanceof GraphQLList) {
			current = current instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : ((GraphQLList) current).getWrappedType();
		}
		return current;
	}

	private static Arguments arguments(Node node, Run run) {
		if (node.definition().getArguments().isEmpty()) {
			return NO_ARGUMENTS;
		}
		ExecutionContext execution = run.execution();
		return run.arguments.computeIfAbsent(node, field -> new BoundArguments(ValuesResolver.getArgumentValues(
				execution.getGraphQLSchema().getCodeRegistry(), field.definition().getArguments(), field.field().getArguments(),
				execution.getCoercedVariables(), execution.getGraphQLContext(), execution.getLocale())));
	}

	/**
	 * The page's {@code data} as JSON text (null when a non-null root failed), and the errors of its root
	 * fields.
	 */
	record Answer(@Nullable String data, List<GraphQLError> errors) {
	}

	/**
	 * The page: the root fields loaded one after the other (one connection at a time, as the general
	 * path's first fields would), then written. A root that fails with an {@link ApiException} (bad
	 * input, a statement timeout) is answered as graphql-java answers it: null, with its error at its path
	 * (the whole {@code data} null when the field is non-null), without running it again.
	 */
	Mono<Answer> answer(ExecutionContext execution) {
		GraphQLContext context = execution.getGraphQLContext();
		Run run = new Run(execution);
		return Flux.fromIterable(roots)
			.concatMap(root -> Mono.defer(() -> root.loader().load(arguments(root.node(), run), root.selected(), context))
				.map(value -> new Loaded(root, value, null))
				.defaultIfEmpty(new Loaded(root, null, null))
				.onErrorResume(ApiException.class, error -> Mono.just(new Loaded(root, null, error(root.node(), error)))))
			.collectList()
			.flatMap(loaded -> {
				List<GraphQLError> errors = loaded.stream().map(Loaded::error).filter(Objects::nonNull).toList();
				boolean dataNull = loaded.stream().anyMatch(l -> l.error() != null && l.root().node().type() instanceof GraphQLNonNull);
				return dataNull ? Mono.just(new Answer(null, errors)) : pass(run, loaded, 1).map(data -> new Answer(data, errors));
			});
	}

	/** A root field's error as the API's exception resolver writes it: code, message, location, path. */
	private static GraphQLError error(Node root, ApiException error) {
		return GraphqlErrorBuilder.newError()
			.message(error.getMessage())
			.errorType(error.code())
			.extensions(Map.of("code", error.code().name()))
			.location(root.field().getSourceLocation())
			.path(ResultPath.rootPath().segment(root.key()))
			.build();
	}

	/**
	 * A pass writes the page; when it met fields still to load, they are loaded (one after the other)
	 * and the page written again with them.
	 */
	private Mono<String> pass(Run run, List<Loaded> roots, int pass) {
		String written = write(run, roots);
		if (run.pending.isEmpty()) {
			return Mono.just(written);
		}
		if (pass == PASSES) {
			throw new NotHere("fields still to load after " + PASSES + " passes");
		}
		List<Map.Entry<Load, Mono<?>>> loads = List.copyOf(run.pending.entrySet());
		run.pending.clear();
		return Flux.fromIterable(loads)
			.concatMap(load -> load.getValue()
				.map(value -> Map.entry(load.getKey(), Optional.<Object>of(value)))
				.defaultIfEmpty(Map.entry(load.getKey(), Optional.empty())))
			.doOnNext(value -> run.loaded.put(value.getKey(), value.getValue()))
			.then(Mono.defer(() -> pass(run, roots, pass + 1)));
	}

	private record Loaded(Root root, @Nullable Object value, @Nullable GraphQLError error) {
	}

	private String write(Run run, List<Loaded> loaded) {
		StringWriter text = new StringWriter(4096);
		try (JsonGenerator out = json.createGenerator(text)) {
			run.out = out;
			out.writeStartObject();
			for (Loaded value : loaded) {
				out.writeName(value.root().node().key());
				writeValue(value.root().node().type(), value.value(), value.root().node(), run);
			}
			out.writeEndObject();
		}
		return text.toString();
	}

	private void writeObject(Object source, List<Node> nodes, Run run) {
		JsonGenerator out = run.out();
		out.writeStartObject();
		for (Node node : nodes) {
			out.writeName(node.key());
			writeValue(node.type(), node.reader().read(source, run, node), node, run);
		}
		out.writeEndObject();
	}

	private void writeValue(GraphQLType type, @Nullable Object value, Node node, Run run) {
		if (value == PENDING) {
			run.out().writeNull();
			return;
		}
		if (value instanceof CompletionStage<?> || value instanceof Publisher<?> || value instanceof DataFetcherResult<?>) {
			throw new NotHere(node.key() + ": a value still to load");
		}
		GraphQLType current = type;
		if (current instanceof GraphQLNonNull nonNull) {
			if (value == null) {
				throw new NotHere(node.key() + ": null where the schema says non-null");
			}
			current = nonNull.getWrappedType();
		}
		JsonGenerator out = run.out();
		if (value == null) {
			out.writeNull();
		}
		else if (current instanceof GraphQLList list) {
			if (!(value instanceof Iterable<?> values)) {
				throw new NotHere(node.key() + ": not a list");
			}
			out.writeStartArray();
			for (Object element : values) {
				writeValue(list.getWrappedType(), element, node, run);
			}
			out.writeEndArray();
		}
		else if (current instanceof GraphQLScalarType scalar) {
			ExecutionContext execution = run.execution();
			writeScalar(scalar.getCoercing().serialize(value, execution.getGraphQLContext(), execution.getLocale()), node, out);
		}
		else if (current instanceof GraphQLEnumType enumType) {
			ExecutionContext execution = run.execution();
			writeScalar(enumType.serialize(value, execution.getGraphQLContext(), execution.getLocale()), node, out);
		}
		else if (current instanceof GraphQLObjectType) {
			writeObject(value, node.children(), run);
		}
		else {
			throw new NotHere(node.key() + ": not an object type");
		}
	}

	/** A serialized scalar as Jackson writes the general path's result. */
	private static void writeScalar(@Nullable Object value, Node node, JsonGenerator out) {
		if (value == null) {
			out.writeNull();
		}
		else if (value instanceof String string) {
			out.writeString(string);
		}
		else if (value instanceof Boolean bool) {
			out.writeBoolean(bool);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			out.writeNumber(((Number) value).longValue());
		}
		else if (value instanceof Double || value instanceof Float) {
			out.writeNumber(((Number) value).doubleValue());
		}
		else if (value instanceof BigDecimal decimal) {
			out.writeNumber(decimal);
		}
		else if (value instanceof BigInteger integer) {
			out.writeNumber(integer);
		}
		else {
			throw new NotHere(node.key() + ": a " + value.getClass().getSimpleName());
		}
	}

	/** The declared roots and fields of every feature, by name ({@code Type.field} for fields). */
	record Declared(Map<String, RootField> roots, Map<String, Value> fields) {

		/** A field's value at hand ({@code value}) or to load ({@code loads}). */
		record Value(Class<?> source, @Nullable FieldValue<?> value, @Nullable LoadedValue<?> loads) {
		}
	}

	private record BoundArguments(Map<String, Object> values) implements Arguments {

		@Override
		public <T> T get(String name, Class<T> type) {
			Object value = values.get(name);
			if (value == null || type.isInstance(value)) {
				return type.cast(value);
			}
			try {
				return type.cast(BINDER.bind(value, false, ResolvableType.forClass(type)));
			}
			catch (BindException ex) {
				throw new NotHere(name + ": " + ex.getMessage());
			}
		}
	}

}
