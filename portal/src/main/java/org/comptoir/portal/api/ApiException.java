package org.comptoir.portal.api;

/**
 * The API refused a request (its {@code extensions.code}: {@code NOT_FOUND}, {@code RATE_LIMITED},
 * {@code UNAUTHENTICATED} ...) or could not be reached ({@code UNAVAILABLE}): the portal shows it as a page.
 */
public class ApiException extends RuntimeException {

	private final String code;

	public ApiException(String code, String message) {
		super(message);
		this.code = code;
	}

	public String code() {
		return code;
	}

}
