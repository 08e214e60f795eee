package org.comptoir.api.graphql.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.GraphQLException;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.OperationDefinition.Operation;
import graphql.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of one GraphQL request, checked: {@code query} may be absent only when a persisted
 * query's hash stands for it.
 */
record GraphQlHttpRequest(@Nullable String query, @Nullable String operationName, Map<String, Object> variables,
		Map<String, Object> extensions) {

	/** What each document runs, by text and operation name: portals send the same few (bounded by text kept). */
	private static final Cache<List<String>, Optional<Operation>> OPERATIONS = Caffeine.newBuilder()
		.maximumWeight(4_000_000)
		.weigher((List<String> key, Optional<Operation> operation) -> key.get(0).length() + 64)
		.build();

	GraphQlHttpRequest withQuery(String document) {
		return new GraphQlHttpRequest(document, operationName, variables, extensions);
	}

	/**
	 * Whether the operation that runs is a query, a mutation or a subscription: the named one, or the
	 * only one; empty when the document does not parse or names no single operation (execution reports it).
	 */
	Optional<Operation> operation() {
		if (query == null) {
			return Optional.empty();
		}
		return OPERATIONS.get(List.of(query, operationName == null ? "" : operationName), key -> parseOperation());
	}

	private Optional<Operation> parseOperation() {
		Document document;
		try {
			document = Parser.parse(query);
		}
		catch (GraphQLException ex) {
			return Optional.empty();
		}
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		Optional<OperationDefinition> selected = operationName == null
				? (operations.size() == 1 ? Optional.of(operations.get(0)) : Optional.empty())
				: operations.stream().filter(o -> operationName.equals(o.getName())).findFirst();
		return selected.map(OperationDefinition::getOperation);
	}

	/** The body Spring's {@code WebGraphQlRequest} is built from. */
	Map<String, Object> toBody() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		if (operationName != null) {
			body.put("operationName", operationName);
		}
		body.put("variables", variables);
		body.put("extensions", extensions);
		return body;
	}

}
