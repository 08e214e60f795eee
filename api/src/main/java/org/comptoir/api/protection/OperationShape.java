package org.comptoir.api.protection;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import org.springframework.graphql.server.WebGraphQlRequest;

/**
 * A request's document, parsed once under the limits and measured before any validation: what the
 * rate limiter counts (root fields) and what the limits check (aliases, directives, depth). Nothing in
 * here looks at names: an operation or fragment called {@code __schema} or {@code IntrospectionQuery}
 * is measured like any other.
 */
final class OperationShape {

	/**
	 * Each document parsed once, for all interceptors and for every request that sends it again (portals
	 * send the same few operations): by text, operation name and limits, bounded by the total length kept.
	 */
	private static final Cache<Key, OperationShape> PARSED = Caffeine.newBuilder()
		.maximumWeight(8_000_000)
		.weigher((Key key, OperationShape shape) -> key.document().length() + 64)
		.build();

	private record Key(String document, String operationName, QueryLimits limits) {
	}

	/** The document, null when it does not parse (graphql-java reports the syntax error itself). */
	final Document document;

	/** Why parsing stopped at a limit, null otherwise. */
	final String parseLimit;

	/** The operation that runs: the named one, or the only one; null when ambiguous or missing. */
	final OperationDefinition operation;

	private OperationShape(Document document, String parseLimit, OperationDefinition operation) {
		this.document = document;
		this.parseLimit = parseLimit;
		this.operation = operation;
	}

	/** The shape of this request, parsed on first use. */
	static OperationShape of(WebGraphQlRequest request, QueryLimits limits) {
		if (request.getDocument() == null) {
			return parse(null, request.getOperationName(), limits);
		}
		return PARSED.get(new Key(request.getDocument(), request.getOperationName(), limits),
				key -> parse(key.document(), key.operationName(), key.limits()));
	}

	static ParserOptions parserOptions(QueryLimits limits) {
		return ParserOptions.getDefaultOperationParserOptions().transform(options -> options
			.maxTokens(limits.maxTokens())
			.maxCharacters(limits.maxDocumentLength())
			.maxWhitespaceTokens(Math.max(limits.maxDocumentLength(), 1))
			.maxRuleDepth(Math.max(8 * limits.maxDepth() + 50, 200)));
	}

	static OperationShape parse(String text, String operationName, QueryLimits limits) {
		if (text == null) {
			return new OperationShape(null, null, null);
		}
		if (text.length() > limits.maxDocumentLength()) {
			return new OperationShape(null, "maxDocumentLength", null);
		}
		try {
			Document document = Parser.parse(ParserEnvironment.newParserEnvironment()
				.document(text)
				.parserOptions(parserOptions(limits))
				.build());
			return new OperationShape(document, null, select(document, operationName));
		}
		catch (ParseCancelledTooManyCharsException ex) {
			return new OperationShape(null, "maxDocumentLength", null);
		}
		catch (ParseCancelledTooDeepException ex) {
			return new OperationShape(null, "maxDepth", null);
		}
		catch (ParseCancelledException ex) {
			return new OperationShape(null, "maxTokens", null);
		}
		catch (RuntimeException ex) { // a syntax error (InvalidSyntaxException) included
			return new OperationShape(null, null, null);
		}
	}

	private static OperationDefinition select(Document document, String operationName) {
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		if (operationName == null || operationName.isEmpty()) {
			return operations.size() == 1 ? operations.get(0) : null;
		}
		return operations.stream().filter(op -> operationName.equals(op.getName())).findFirst().orElse(null);
	}

	boolean parsed() {
		return document != null;
	}

	Optional<OperationDefinition.Operation> kind() {
		return Optional.ofNullable(operation).map(OperationDefinition::getOperation);
	}

	/** Aliased fields anywhere in the document. */
	int aliases() {
		return document == null ? 0 : count(document, node -> node instanceof Field field && field.getAlias() != null);
	}

	/** Directives anywhere in the document. */
	int directives() {
		return document == null ? 0 : count(document, node -> node instanceof Directive);
	}

	/** The deepest field of the operation, fragments followed (each fragment measured once). */
	int depth() {
		if (operation == null) {
			return 0;
		}
		return depth(operation.getSelectionSet(), fragments(), new HashMap<>(), new HashSet<>());
	}

	/** Root fields of the operation, fragments at the root followed: what the rate limiter counts. */
	long rootFields() {
		if (operation == null) {
			return 1;
		}
		return Math.max(1, rootFields(operation.getSelectionSet(), fragments(), new HashMap<>(), new HashSet<>()));
	}

	private Map<String, FragmentDefinition> fragments() {
		Map<String, FragmentDefinition> byName = new HashMap<>();
		for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
			byName.putIfAbsent(fragment.getName(), fragment);
		}
		return byName;
	}

	private static int depth(SelectionSet set, Map<String, FragmentDefinition> fragments, Map<String, Integer> known,
			Set<String> visiting) {
		if (set == null) {
			return 0;
		}
		int deepest = 0;
		for (Selection<?> selection : set.getSelections()) {
			if (selection instanceof Field field) {
				deepest = Math.max(deepest, 1 + depth(field.getSelectionSet(), fragments, known, visiting));
			}
			else if (selection instanceof InlineFragment inline) {
				deepest = Math.max(deepest, depth(inline.getSelectionSet(), fragments, known, visiting));
			}
			else if (selection instanceof FragmentSpread spread) {
				deepest = Math.max(deepest, fragmentDepth(spread.getName(), fragments, known, visiting));
			}
		}
		return deepest;
	}

	private static int fragmentDepth(String name, Map<String, FragmentDefinition> fragments, Map<String, Integer> known,
			Set<String> visiting) {
		Integer depth = known.get(name);
		if (depth != null) {
			return depth;
		}
		FragmentDefinition fragment = fragments.get(name);
		if (fragment == null || !visiting.add(name)) {
			return 0; // unknown or cyclic: validation refuses it
		}
		int measured = depth(fragment.getSelectionSet(), fragments, known, visiting);
		visiting.remove(name);
		known.put(name, measured);
		return measured;
	}

	private static long rootFields(SelectionSet set, Map<String, FragmentDefinition> fragments, Map<String, Long> known,
			Set<String> visiting) {
		long count = 0;
		for (Selection<?> selection : set.getSelections()) {
			if (selection instanceof Field) {
				count++;
			}
			else if (selection instanceof InlineFragment inline) {
				count += rootFields(inline.getSelectionSet(), fragments, known, visiting);
			}
			else if (selection instanceof FragmentSpread spread) {
				Long size = known.get(spread.getName());
				FragmentDefinition fragment = fragments.get(spread.getName());
				if (size == null && fragment != null && visiting.add(spread.getName())) {
					size = rootFields(fragment.getSelectionSet(), fragments, known, visiting);
					visiting.remove(spread.getName());
					known.put(spread.getName(), size);
				}
				count += size == null ? 0 : size;
			}
			if (count > 1_000_000) {
				return count;
			}
		}
		return count;
	}

	private static int count(Node<?> node, java.util.function.Predicate<Node<?>> matches) {
		int count = matches.test(node) ? 1 : 0;
		for (Node<?> child : node.getChildren()) {
			count += count(child, matches);
		}
		return count;
	}

}
