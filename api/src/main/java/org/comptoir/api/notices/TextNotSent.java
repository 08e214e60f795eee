package org.comptoir.api.notices;

/**
 * A provider did not take a text, for a reason that is not the number's (down, slow, rate-limited,
 * credentials or credit): trying again later may help. The message says which provider and what it answered.
 */
final class TextNotSent extends RuntimeException {

	TextNotSent(String message) {
		super(message);
	}

	TextNotSent(String message, Throwable cause) {
		super(message, cause);
	}

}
