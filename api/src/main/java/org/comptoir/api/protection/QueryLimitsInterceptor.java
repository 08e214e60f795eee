package org.comptoir.api.protection;

import java.util.List;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.parser.ParserOptions;
import org.comptoir.api.graphql.InterceptorOrder;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The limits a document must keep before graphql-java validates it (validation itself costs time on
 * hostile documents): size, tokens, aliases, directives, depth. Page sizes and cost need the schema
 * and the variables: {@link QueryCost} checks them after validation, still before
 * anything runs. graphql-java's own parse of the request gets the same parser limits.
 */
@Component
@Order(InterceptorOrder.QUERY_LIMITS)
class QueryLimitsInterceptor implements WebGraphQlInterceptor {

	private final QueryLimits limits;

	private final ParserOptions parserOptions;

	QueryLimitsInterceptor(QueryLimits limits) {
		this.limits = limits;
		this.parserOptions = OperationShape.parserOptions(limits);
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		GraphQLError refusal = check(request);
		if (refusal != null) {
			return Mono.just(Refusals.response(request, refusal));
		}
		request.configureExecutionInput((input, builder) -> builder
			.graphQLContext(context -> context.put(ParserOptions.class, parserOptions))
			.build());
		return chain.next(request).map(QueryLimitsInterceptor::badFaithIntrospectionIsTooComplex);
	}

	private GraphQLError check(WebGraphQlRequest request) {
		String text = request.getDocument();
		if (text != null && text.length() > limits.maxDocumentLength()) {
			return Refusals.tooComplex("maxDocumentLength", text.length(), limits.maxDocumentLength(),
					"The document is " + text.length() + " characters long, over the limit of "
							+ limits.maxDocumentLength() + " (maxDocumentLength).");
		}
		OperationShape shape = OperationShape.of(request, limits);
		if ("maxTokens".equals(shape.parseLimit)) {
			return Refusals.tooComplex("maxTokens", limits.maxTokens() + 1L, limits.maxTokens(),
					"The document has more than " + limits.maxTokens() + " tokens (maxTokens).");
		}
		if ("maxDepth".equals(shape.parseLimit)) {
			return Refusals.tooComplex("maxDepth", limits.maxDepth() + 1L, limits.maxDepth(),
					"The document is nested deeper than the depth limit of " + limits.maxDepth() + " (maxDepth).");
		}
		if (!shape.parsed()) {
			return null; // a syntax error: graphql-java reports it as BAD_USER_INPUT
		}
		int aliases = shape.aliases();
		if (aliases > limits.maxAliases()) {
			return Refusals.tooComplex("maxAliases", aliases, limits.maxAliases(),
					"The document has " + aliases + " aliases, over the limit of " + limits.maxAliases() + " (maxAliases).");
		}
		int directives = shape.directives();
		if (directives > limits.maxDirectives()) {
			return Refusals.tooComplex("maxDirectives", directives, limits.maxDirectives(), "The document has "
					+ directives + " directives, over the limit of " + limits.maxDirectives() + " (maxDirectives).");
		}
		int depth = shape.depth();
		if (depth > limits.maxDepth()) {
			return Refusals.tooComplex("maxDepth", depth, limits.maxDepth(),
					"The operation is " + depth + " fields deep, over the depth limit of " + limits.maxDepth() + " (maxDepth).");
		}
		return null;
	}

	/** graphql-java's good-faith introspection check (on by default) refuses introspection bombs; give it our code. */
	private static WebGraphQlResponse badFaithIntrospectionIsTooComplex(WebGraphQlResponse response) {
		List<GraphQLError> errors = response.getExecutionResult().getErrors();
		if (errors.stream().noneMatch(QueryLimitsInterceptor::badFaith)) {
			return response;
		}
		return response.transform(builder -> builder.errors(errors.stream()
			.map(error -> badFaith(error) ? Refusals.tooComplex("introspection", 0, 0, error.getMessage()) : error)
			.toList()));
	}

	private static boolean badFaith(GraphQLError error) {
		ErrorClassification type = error.getErrorType();
		return type != null && String.valueOf(type.toSpecification(error)).contains("BadFaithIntrospection");
	}

}
