package org.comptoir.api.graphql;

/** A refusal the client is told about: its message is written for the client, its code is from the contract. */
public class ApiException extends RuntimeException {

	private final ErrorCode code;

	public ApiException(ErrorCode code, String message) {
		super(message, null, false, false);
		this.code = code;
	}

	public ErrorCode code() {
		return code;
	}

	public static ApiException forbidden(String message) {
		return new ApiException(ErrorCode.FORBIDDEN, message);
	}

	public static ApiException unauthenticated() {
		return new ApiException(ErrorCode.UNAUTHENTICATED, "Sign in to do this.");
	}

	public static ApiException badInput(String message) {
		return new ApiException(ErrorCode.BAD_USER_INPUT, message);
	}

}
