package org.comptoir.api.graphql.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import graphql.GraphQLException;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.comptoir.api.graphql.ApiErrors;
import org.comptoir.api.graphql.ErrorCode;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * GraphQL over HTTP on {@code /graphql}, per the GraphQL-over-HTTP spec:
 * <ul>
 * <li>POST with an {@code application/json} body, and GET with the parameters in the query string,
 * for queries only (a mutation over GET: 405, {@code Allow: POST});</li>
 * <li>the response in {@code application/graphql-response+json} when the client accepts it (a request
 * that fails before execution, such as a syntax or validation error, is then a 400 with no
 * {@code data}), else in {@code application/json} (200 for any GraphQL error);</li>
 * <li>malformed requests (not JSON, parameters of the wrong type, no query) refused with 400 and
 * {@code BAD_USER_INPUT}; batches (a JSON array) refused the same way;</li>
 * <li>Apollo's automatic persisted queries, over POST and GET ({@link PersistedQueries}).</li>
 * </ul>
 * The request then runs through Spring's {@link WebGraphQlHandler}, interceptors included.
 */
@Component
record GraphQlHttpEndpoint(WebGraphQlHandler graphQlHandler, GraphQlHttpRequestReader reader, PersistedQueries persistedQueries) {

	private static final MediaType GRAPHQL_RESPONSE = MediaTypes.APPLICATION_GRAPHQL_RESPONSE;

	Mono<ServerResponse> handle(ServerRequest request) {
		Optional<MediaType> responseType = responseType(request);
		if (responseType.isEmpty()) {
			return refuse(new HttpProblem(HttpStatus.NOT_ACCEPTABLE, ErrorCode.BAD_USER_INPUT,
					"Accept application/graphql-response+json or application/json."), MediaType.APPLICATION_JSON);
		}
		MediaType mediaType = responseType.get();
		boolean get = HttpMethod.GET.equals(request.method());
		return Mono.defer(() -> reader.read(request))
			.map(persistedQueries::resolve)
			.doOnNext(graphQlRequest -> {
				if (get) {
					requireQueryOperation(graphQlRequest);
				}
			})
			.flatMap(graphQlRequest -> execute(request, graphQlRequest, mediaType))
			.onErrorResume(HttpProblem.class, problem -> refuse(problem, mediaType));
	}

	private Mono<ServerResponse> execute(ServerRequest request, GraphQlHttpRequest body, MediaType mediaType) {
		WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(),
				request.cookies(), request.remoteAddress().orElse(null), request.attributes(), body.toBody(),
				request.exchange().getRequest().getId(), request.exchange().getLocaleContext().getLocale());
		return graphQlHandler.handleRequest(graphQlRequest).flatMap(response -> {
			// a request error (nothing executed) has no data: 400 in the spec's media type
			HttpStatus status = GRAPHQL_RESPONSE.equals(mediaType) && !response.getExecutionResult().isDataPresent()
					? HttpStatus.BAD_REQUEST : HttpStatus.OK;
			return ServerResponse.status(status)
				.headers(headers -> headers.putAll(response.getResponseHeaders()))
				.contentType(mediaType)
				.bodyValue(response.toMap());
		});
	}

	private static Mono<ServerResponse> refuse(HttpProblem problem, MediaType mediaType) {
		HttpStatus status = problem.status() != null ? problem.status()
				: GRAPHQL_RESPONSE.equals(mediaType) ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
		return ServerResponse.status(status)
			.headers(headers -> headers.addAll(problem.headers()))
			.contentType(mediaType)
			.bodyValue(ApiErrors.body(problem.code(), problem.getMessage()));
	}

	/** GET is for queries: a mutation (or subscription) over GET could be triggered by a mere link. */
	private static void requireQueryOperation(GraphQlHttpRequest request) {
		Document document;
		try {
			document = Parser.parse(request.query());
		}
		catch (GraphQLException ex) {
			return; // a syntax error: execution reports it, as for POST
		}
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		Optional<OperationDefinition> selected = request.operationName() == null
				? (operations.size() == 1 ? Optional.of(operations.get(0)) : Optional.empty())
				: operations.stream().filter(o -> request.operationName().equals(o.getName())).findFirst();
		if (selected.isPresent() && selected.get().getOperation() != OperationDefinition.Operation.QUERY) {
			throw new HttpProblem(HttpStatus.METHOD_NOT_ALLOWED, ErrorCode.BAD_USER_INPUT,
					"GET runs queries only: send this " + selected.get().getOperation().name().toLowerCase() + " with POST.")
				.header(HttpHeaders.ALLOW, HttpMethod.POST.name());
		}
	}

	/**
	 * The response's media type from the Accept header, best quality first: the spec's own when asked
	 * for, JSON for {@code application/json} and wildcards (and when there is no Accept); empty when
	 * the client accepts neither.
	 */
	static Optional<MediaType> responseType(ServerRequest request) {
		List<MediaType> accepted;
		try {
			accepted = new ArrayList<>(request.headers().accept());
		}
		catch (InvalidMediaTypeException ex) {
			return Optional.empty();
		}
		if (accepted.isEmpty()) {
			return Optional.of(MediaType.APPLICATION_JSON);
		}
		accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
		for (MediaType type : accepted) {
			if (type.getQualityValue() <= 0) {
				continue;
			}
			if (GRAPHQL_RESPONSE.equalsTypeAndSubtype(type)) {
				return Optional.of(GRAPHQL_RESPONSE);
			}
			if (type.includes(MediaType.APPLICATION_JSON)) {
				return Optional.of(MediaType.APPLICATION_JSON);
			}
		}
		return Optional.empty();
	}

}
