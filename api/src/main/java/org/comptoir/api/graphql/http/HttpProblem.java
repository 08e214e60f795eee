package org.comptoir.api.graphql.http;

import org.comptoir.api.graphql.ErrorCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A request refused before execution, told to the client as a GraphQL error with a contract code.
 * Its HTTP status is its own when the request is not a well-formed GraphQL request; with no status,
 * it is a request error like a validation failure: 200 for {@code application/json}, 400 for
 * {@code application/graphql-response+json}.
 */
final class HttpProblem extends RuntimeException {

	private final @Nullable HttpStatus status;

	private final ErrorCode code;

	private final HttpHeaders headers = new HttpHeaders();

	HttpProblem(@Nullable HttpStatus status, ErrorCode code, String message) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	static HttpProblem badRequest(String message) {
		return new HttpProblem(HttpStatus.BAD_REQUEST, ErrorCode.BAD_USER_INPUT, message);
	}

	/** A GraphQL request error, before execution, whose status follows the media type. */
	static HttpProblem requestError(ErrorCode code, String message) {
		return new HttpProblem(null, code, message);
	}

	HttpProblem header(String name, String value) {
		headers.add(name, value);
		return this;
	}

	@Nullable HttpStatus status() {
		return status;
	}

	ErrorCode code() {
		return code;
	}

	HttpHeaders headers() {
		return headers;
	}

}
