package org.comptoir.api.graphql.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import graphql.language.OperationDefinition.Operation;
import org.comptoir.api.graphql.ApiErrors;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.tenants.TenantContext;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
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
 * <li>Apollo's automatic persisted queries, over POST and GET ({@link PersistedQueries});</li>
 * <li>an anonymous query answered without errors is public: {@code ETag}, {@code Cache-Control: public},
 * {@code If-None-Match} answered 304, and kept in the {@link ResponseCache}; any other answer is
 * {@code private, no-store}. A hit is served before the interceptors (limits, rate limits): it costs no
 * execution, as a CDN's hit would not.</li>
 * </ul>
 * The request then runs through Spring's {@link WebGraphQlHandler}, interceptors included.
 */
@Component
record GraphQlHttpEndpoint(WebGraphQlHandler graphQlHandler, GraphQlHttpRequestReader reader, PersistedQueries persistedQueries,
		ResponseCache cache, ResponseCacheProperties cacheProperties) {

	private static final MediaType GRAPHQL_RESPONSE = MediaTypes.APPLICATION_GRAPHQL_RESPONSE;

	/** What an answer depends on besides the URL: the media type asked, the caller, the chamber (header or host), CORS. */
	private static final List<String> VARY = List.of(HttpHeaders.ACCEPT, HttpHeaders.AUTHORIZATION, HttpHeaders.HOST,
			HttpHeaders.ORIGIN, "X-Tenant");

	/** The router's secret opens {@code _service}: such an answer is not for everyone. */
	private static final String ROUTER_SECRET = "X-Router-Secret";

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
		boolean anonymous = anonymous(request.headers().asHttpHeaders());
		return Mono.deferContextual(context -> {
			Optional<ResponseCache.Key> key = anonymous
					? cache.keyOf(TenantContext.get(context).orElse(null), body, mediaType) : Optional.empty();
			Optional<ResponseCache.Answer> hit = revalidates(request) ? Optional.empty() : key.flatMap(cache::find);
			if (hit.isPresent()) {
				return publicAnswer(request, hit.get(), mediaType);
			}
			WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(),
					request.cookies(), request.remoteAddress().orElse(null), request.attributes(), body.toBody(),
					request.exchange().getRequest().getId(), request.exchange().getLocaleContext().getLocale());
			return graphQlHandler.handleRequest(graphQlRequest).flatMap(response -> {
				// a request error (nothing executed) has no data: 400 in the spec's media type
				HttpStatus status = GRAPHQL_RESPONSE.equals(mediaType) && !response.getExecutionResult().isDataPresent()
						? HttpStatus.BAD_REQUEST : HttpStatus.OK;
				if (anonymous && status == HttpStatus.OK && isPublic(body, response)) {
					ResponseCache.Answer answer = cache.answer(response.toMap(), mediaType);
					key.ifPresent(k -> cache.store(k, answer));
					return publicAnswer(request, answer, mediaType);
				}
				return ServerResponse.status(status)
					.headers(headers -> {
						headers.putAll(response.getResponseHeaders());
						headers.setCacheControl("private, no-store");
						headers.setVary(VARY);
					})
					.contentType(mediaType)
					.bodyValue(response.toMap());
			});
		});
	}

	/**
	 * A client that asks for a fresh answer ({@code Cache-Control: no-cache}, HTTP's "revalidate with
	 * the origin", or the older {@code Pragma: no-cache}): the query runs, and its answer replaces the kept one.
	 */
	private static boolean revalidates(ServerRequest request) {
		return request.headers().header(HttpHeaders.CACHE_CONTROL).stream().anyMatch(value -> value.contains("no-cache"))
				|| request.headers().header(HttpHeaders.PRAGMA).stream().anyMatch(value -> value.contains("no-cache"));
	}

	/** No bearer token (so no caller) and no router secret: what anyone would get. */
	private static boolean anonymous(HttpHeaders headers) {
		return !headers.containsHeader(HttpHeaders.AUTHORIZATION) && !headers.containsHeader(ROUTER_SECRET);
	}

	/** A query that ran without any error, whose answer sets no header of its own. */
	private static boolean isPublic(GraphQlHttpRequest body, WebGraphQlResponse response) {
		return response.isValid() && response.getErrors().isEmpty() && response.getResponseHeaders().isEmpty()
				&& response.getExecutionResult().isDataPresent() && body.operation().filter(Operation.QUERY::equals).isPresent();
	}

	/** A public answer, or 304 when the client holds it already. */
	private Mono<ServerResponse> publicAnswer(ServerRequest request, ResponseCache.Answer answer, MediaType mediaType) {
		boolean notModified = matches(request.headers().header(HttpHeaders.IF_NONE_MATCH), answer.etag());
		ServerResponse.BodyBuilder builder = ServerResponse.status(notModified ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
			.headers(headers -> {
				headers.setETag(answer.etag());
				headers.setCacheControl(cacheProperties.publicCacheControl());
				headers.setVary(VARY);
			});
		return notModified ? builder.build() : builder.contentType(mediaType).bodyValue(answer.body());
	}

	/** If-None-Match's weak comparison: any listed tag, with or without {@code W/}, or {@code *}. */
	private static boolean matches(List<String> ifNoneMatch, String etag) {
		for (String header : ifNoneMatch) {
			for (String tag : header.split(",")) {
				String candidate = tag.trim();
				if (candidate.equals("*") || candidate.equals(etag) || candidate.equals("W/" + etag)) {
					return true;
				}
			}
		}
		return false;
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
		Optional<Operation> operation = request.operation();
		if (operation.isPresent() && operation.get() != Operation.QUERY) {
			throw new HttpProblem(HttpStatus.METHOD_NOT_ALLOWED, ErrorCode.BAD_USER_INPUT,
					"GET runs queries only: send this " + operation.get().name().toLowerCase() + " with POST.")
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
