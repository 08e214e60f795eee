package org.comptoir.api.graphql;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one check of the shapes several features take as input: an e-mail address, a name, an
 * optional text. Each feature keeps its own user error (code, message, field) around them.
 */
public final class InputRules {

	/** Local part, domain, top-level domain: what Keycloak accepts, without the RFC's corner cases. */
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[a-zA-Z]{2,63}");

	private InputRules() {
	}

	public static boolean isEmail(@Nullable String text) {
		return text != null && EMAIL.matcher(text).matches();
	}

	/** A name (a company's, a chamber's): 2 to {@code max} characters once trimmed. */
	public static boolean isName(@Nullable String text, int max) {
		int length = text == null ? 0 : text.trim().length();
		return length >= 2 && length <= max;
	}

	/** An optional text as stored: trimmed, null when blank. */
	public static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.trim();
	}

}
