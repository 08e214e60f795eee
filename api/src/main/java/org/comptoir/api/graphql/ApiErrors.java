package org.comptoir.api.graphql;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one shape of an error told to the client, {@code {"message", "extensions": {"code"}}} with a
 * contract code, whether it is written by a filter before execution or returned by a data fetcher;
 * and the one incident path: anything unexpected is logged with an id, and only the id leaves.
 */
public final class ApiErrors {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	private ApiErrors() {
	}

	/** A GraphQL response body holding one error. */
	public static Map<String, Object> body(ErrorCode code, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("extensions", Map.of("code", code.name()));
		return Map.of("errors", List.of(error));
	}

	/**
	 * Writes a refusal before any execution. Static, with Jackson's shared mapper, because filters
	 * outside the container's wiring (the security chain's) answer with it too.
	 */
	public static Mono<Void> write(ServerHttpResponse response, HttpStatusCode status, ErrorCode code, String message) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		byte[] json = JsonMapper.shared().writeValueAsString(body(code, message)).getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(json)));
	}

	/** An error with a contract code, at the field of {@code env} when there is one. */
	public static GraphQLError error(@Nullable DataFetchingEnvironment env, ErrorCode code, String message) {
		GraphqlErrorBuilder<?> builder = env == null ? GraphqlErrorBuilder.newError() : GraphqlErrorBuilder.newError(env);
		return builder.message(message).errorType(code).extensions(Map.of("code", code.name())).build();
	}

	/**
	 * Any exception of a data fetcher or a stream as an error: an {@link ApiException}'s own code and
	 * message, sign-in and permission refusals, anything else an {@link #incident}.
	 */
	public static GraphQLError of(Throwable ex, @Nullable DataFetchingEnvironment env, Object where) {
		if (ex instanceof ApiException api) {
			return error(env, api.code(), api.getMessage());
		}
		if (ex instanceof AuthenticationException) {
			return error(env, ErrorCode.UNAUTHENTICATED, "Sign in to do this.");
		}
		if (ex instanceof AccessDeniedException) {
			return error(env, ErrorCode.FORBIDDEN, "You may not do this.");
		}
		return error(env, ErrorCode.INTERNAL, incident(where, ex));
	}

	/** Logs the cause under a new incident id; returns the only message the client gets. */
	public static String incident(Object where, Throwable ex) {
		String incident = UUID.randomUUID().toString();
		log.error("Incident {} {}", incident, where, ex);
		return "Internal error (incident " + incident + ").";
	}

}
