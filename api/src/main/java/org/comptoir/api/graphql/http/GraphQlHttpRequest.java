package org.comptoir.api.graphql.http;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of one GraphQL request, checked: {@code query} may be absent only when a persisted
 * query's hash stands for it.
 */
record GraphQlHttpRequest(@Nullable String query, @Nullable String operationName, Map<String, Object> variables,
		Map<String, Object> extensions) {

	GraphQlHttpRequest withQuery(String document) {
		return new GraphQlHttpRequest(document, operationName, variables, extensions);
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
