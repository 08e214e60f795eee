package org.comptoir.api.protection;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.introspection.Introspection;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnmodifiedType;

/**
 * Page sizes and cost, checked after validation and before the first resolver runs (by
 * {@link ProtectionInstrumentation}; like graphql-java's {@code MaxQueryComplexityInstrumentation}, but
 * with page sizes that multiply and errors that name the limit).
 * <p>
 * Cost: every field of an object type costs 1, scalars cost nothing; a field taking {@code first}
 * multiplies what it holds by its page size: all of it for a list, its {@code edges} and {@code nodes}
 * for a connection ({@code pageInfo}, {@code totalCount} and {@code facets} are counted once). A
 * {@code first} over the connection's maximum page size is refused, not capped: the client learns the
 * limit instead of silently getting fewer rows. Fragments are measured once each, so a document of
 * fragments spreading fragments costs linear time to measure.
 * <p>
 * Some fields cost what they make the database do, whatever is selected under them: a connection
 * resolved one parent at a time ({@code Member.listings}, {@code Listing.matches}) reads its page for
 * each parent, so it costs its page size; {@code Listing.matches} also scores up to 200 candidates per
 * call. Federation's {@code _entities} loads each representation: it counts as a list of that many
 * entities, at most {@code maxEntities}.
 */
final class QueryCost {

	/** Connections read once per parent object: each costs its page size. */
	private static final java.util.Set<String> PAGE_PER_PARENT = java.util.Set.of("Member.listings", "Listing.matches");

	/** Work a call does beyond its page: the candidates Listing.matches scores (MatchScoring.CANDIDATES). */
	private static final Map<String, Long> SCORED = Map.of("Listing.matches", 200L);

	private static final String ENTITIES = "_entities";

	private final QueryLimits limits;

	QueryCost(QueryLimits limits) {
		this.limits = limits;
	}

	/** Refuses the operation with {@code QUERY_TOO_COMPLEX} when a page size, the entities or the cost is over its limit. */
	void check(ExecutionContext execution) {
		Measure measure = new Measure(execution);
		GraphQLType root = switch (execution.getOperationDefinition().getOperation()) {
			case MUTATION -> execution.getGraphQLSchema().getMutationType();
			case SUBSCRIPTION -> execution.getGraphQLSchema().getSubscriptionType();
			default -> execution.getGraphQLSchema().getQueryType();
		};
		long cost = measure.cost(execution.getOperationDefinition().getSelectionSet(), (GraphQLCompositeType) root, 1);
		if (cost > limits.maxCost()) {
			throw new AbortExecutionException(List.of(Refusals.tooComplex("maxCost", cost, limits.maxCost(),
					"The operation costs " + cost + ", over the limit of " + limits.maxCost()
							+ " (maxCost): each object counts 1, times the page sizes above it. Ask for smaller pages or fewer nested lists.")));
		}
	}

	private final class Measure {

		private final GraphQLSchema schema;

		private final Map<String, FragmentDefinition> fragments;

		private final Map<String, Object> variables;

		private final Map<String, Long> known = new HashMap<>();

		private final Set<String> visiting = new HashSet<>();

		Measure(ExecutionContext execution) {
			this.schema = execution.getGraphQLSchema();
			this.fragments = execution.getFragmentsByName();
			this.variables = execution.getCoercedVariables().toMap();
		}

		/** The cost of a selection set; {@code edges} and {@code nodes} in it count {@code pageSize} times. */
		long cost(SelectionSet set, GraphQLCompositeType type, long pageSize) {
			if (set == null || type == null) {
				return 0;
			}
			long total = 0;
			for (Selection<?> selection : set.getSelections()) {
				if (selection instanceof Field field) {
					total = add(total, fieldCost(field, type, pageSize));
				}
				else if (selection instanceof InlineFragment inline) {
					GraphQLCompositeType on = inline.getTypeCondition() == null ? type
							: (GraphQLCompositeType) schema.getType(inline.getTypeCondition().getName());
					total = add(total, cost(inline.getSelectionSet(), on, pageSize));
				}
				else if (selection instanceof FragmentSpread spread) {
					total = add(total, fragmentCost(spread.getName(), pageSize));
				}
			}
			return total;
		}

		private long fragmentCost(String name, long pageSize) {
			String key = name + "/" + pageSize;
			Long cost = known.get(key);
			if (cost != null) {
				return cost;
			}
			FragmentDefinition fragment = fragments.get(name);
			if (fragment == null || !visiting.add(key)) {
				return 0;
			}
			long measured = cost(fragment.getSelectionSet(),
					(GraphQLCompositeType) schema.getType(fragment.getTypeCondition().getName()), pageSize);
			visiting.remove(key);
			known.put(key, measured);
			return measured;
		}

		private long fieldCost(Field field, GraphQLCompositeType parent, long pageSize) {
			if (field.getName().equals(Introspection.TypeNameMetaFieldDef.getName())) {
				return 0;
			}
			GraphQLFieldDefinition definition;
			try {
				definition = Introspection.getFieldDef(schema, parent, field.getName());
			}
			catch (RuntimeException ex) {
				return 0; // not a field of this type: validation has said so already
			}
			GraphQLUnmodifiedType type = GraphQLTypeUtil.unwrapAll(definition.getType());
			long own = type instanceof GraphQLCompositeType ? 1 : 0;
			long listFactor = 1;
			long edgesFactor = 1;
			String coordinates = parent.getName() + "." + field.getName();
			if (definition.getArgument("first") != null && parent instanceof GraphQLFieldsContainer) {
				long size = pageSize(field, coordinates);
				if (GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(definition.getType()))) {
					listFactor = size;
				}
				else {
					edgesFactor = size;
				}
				if (PAGE_PER_PARENT.contains(coordinates)) {
					own = size;
				}
			}
			own = add(own, SCORED.getOrDefault(coordinates, 0L));
			if (field.getName().equals(ENTITIES) && parent == schema.getQueryType()) {
				listFactor = entities(field);
			}
			long children = type instanceof GraphQLCompositeType composite
					? cost(field.getSelectionSet(), composite, edgesFactor) : 0;
			long factor = "edges".equals(field.getName()) || "nodes".equals(field.getName()) ? pageSize : 1;
			return multiply(factor, add(own, multiply(listFactor, children)));
		}

		/** How many representations an {@code _entities} call loads: refused over {@code maxEntities}. */
		private long entities(Field field) {
			long count = 0;
			for (Argument argument : field.getArguments()) {
				if (argument.getName().equals("representations")) {
					if (argument.getValue() instanceof ArrayValue list) {
						count = list.getValues().size();
					}
					else if (argument.getValue() instanceof VariableReference reference
							&& variables.get(reference.getName()) instanceof java.util.Collection<?> list) {
						count = list.size();
					}
				}
			}
			if (count > limits.maxEntities()) {
				throw new AbortExecutionException(List.of(Refusals.tooComplex("maxEntities", count, limits.maxEntities(),
						"_entities was given " + count + " representations, over the limit of " + limits.maxEntities()
								+ " (maxEntities); send them in several requests.")));
			}
			return Math.max(count, 1);
		}

		private long pageSize(Field field, String coordinates) {
			QueryLimits.PageSize rule = limits.pageSize(coordinates);
			Long first = null;
			for (Argument argument : field.getArguments()) {
				if (argument.getName().equals("first")) {
					if (argument.getValue() instanceof IntValue value) {
						first = value.getValue().longValue();
					}
					else if (argument.getValue() instanceof VariableReference reference
							&& variables.get(reference.getName()) instanceof Number number) {
						first = number.longValue();
					}
				}
			}
			if (first != null && first > rule.max()) {
				throw new AbortExecutionException(List.of(Refusals.tooComplex("maxPageSize", first, rule.max(),
						"first: " + first + " on " + coordinates + " is over its page size limit of " + rule.max()
								+ " (maxPageSize); page with 'after' instead.")));
			}
			return first == null || first < 0 ? rule.defaultSize() : Math.max(first, 1);
		}

	}

	private static long add(long a, long b) {
		long sum = a + b;
		return sum < 0 ? Long.MAX_VALUE : sum;
	}

	private static long multiply(long a, long b) {
		try {
			return Math.multiplyExact(a, b);
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

}
