package org.comptoir.api.media;

/**
 * A file that is not taken, with the {@code userErrors} code a client sees: {@code UNSUPPORTED_FILE_TYPE},
 * {@code IMAGE_TOO_LARGE}, {@code MALFORMED_FILE}.
 */
final class MediaRefused extends Exception {

	private final String code;

	MediaRefused(String code, String message) {
		super(message, null, false, false);
		this.code = code;
	}

	String code() {
		return code;
	}

}
