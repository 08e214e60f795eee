package org.comptoir.api.notices;

/**
 * A text message's words and its link, made to fit what a phone receives as one: one SMS of 160 GSM-7
 * septets when every character is in GSM 03.38 (its basic set, and the extension table, whose characters
 * take two septets), else two UCS-2 segments of 67 UTF-16 units (Arabic, an emoji, {@code ç}: one
 * character outside GSM-7 turns the whole message to UCS-2). The link is never cut; the words are, at a
 * word, with an ellipsis.
 */
final class ShortTexts {

	/** What one SMS holds, and one part of a longer one (each part carries a 6- or 7-byte header). */
	static final int GSM7_SINGLE = 160, GSM7_PART = 153, UCS2_SINGLE = 70, UCS2_PART = 67;

	/** UCS-2 texts may take two parts: one (70) is too short for a sentence and a link. */
	static final int UCS2_PARTS = 2;

	/**
	 * GSM 03.38's basic set, in table order, less the escape (0x1B) that opens the extension. It has
	 * {@code Ç} at 0x09, not {@code ç}: some handsets show a ç there, so a text with ç goes as UCS-2 to be safe.
	 */
	static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	/** The extension table: each one is sent as the escape and itself, two septets. */
	static final String EXTENSION = "\f^{}\\[~]|€";

	private ShortTexts() {
	}

	/**
	 * The text and the link after it, in one SMS when the whole is GSM-7, else in two UCS-2 segments: the
	 * text cut at the last word that fits and ended with {@code ...} (GSM-7 has no {@code …}) or {@code …};
	 * nothing but the link when not even a word fits, the link whole even when it alone is too long.
	 *
	 * @param text what the message says (surrounding blanks dropped), may be null
	 * @param link where it leads, may be null or blank for none
	 */
	static String compose(String text, String link) {
		String words = text == null ? "" : text.strip();
		String tail = link == null || link.isBlank() ? "" : link.strip();
		String whole = join(words, tail);
		boolean gsm7 = gsm7(whole);
		if (fits(whole, gsm7) || words.isEmpty()) {
			return whole;
		}
		String ellipsis = gsm7 ? "..." : "…";
		int end = words.length();
		while (end > 0 && !fits(join(words.substring(0, end) + ellipsis, tail), gsm7)) {
			end = words.offsetByCodePoints(end, -1);
		}
		// at a word when there is one, else (one long word) where it had to be cut
		int space = lastBlank(words, end);
		String cut = (space > 0 ? words.substring(0, space) : words.substring(0, end)).replaceAll("[\\s,;:.!?'-]+$", "");
		return cut.isEmpty() ? tail : join(cut + ellipsis, tail);
	}

	/** Whether every character is in GSM-7's basic set or its extension table. */
	static boolean gsm7(String text) {
		return text.chars().allMatch(c -> BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0);
	}

	/**
	 * The SMS parts the text is sent as (at least one): GSM-7 when it all is, 160 septets alone or 153 a
	 * part; else UCS-2, 70 UTF-16 units alone or 67 a part. An extension character's two septets, like a
	 * surrogate pair's two units, are never split between parts.
	 */
	static int segments(String text) {
		boolean gsm7 = gsm7(text);
		if (length(text, gsm7) <= (gsm7 ? GSM7_SINGLE : UCS2_SINGLE)) {
			return 1;
		}
		int part = gsm7 ? GSM7_PART : UCS2_PART, parts = 1, used = 0;
		for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
			int size = gsm7 ? septets(text.charAt(i)) : Character.charCount(text.codePointAt(i));
			if (used + size > part) {
				parts++;
				used = 0;
			}
			used += size;
		}
		return parts;
	}

	/** Its length in GSM-7 septets (the extension's characters count two). */
	static int septets(String text) {
		return text.chars().map(c -> septets((char) c)).sum();
	}

	private static int septets(char c) {
		return EXTENSION.indexOf(c) >= 0 ? 2 : 1;
	}

	private static int length(String text, boolean gsm7) {
		return gsm7 ? septets(text) : text.length();
	}

	private static boolean fits(String message, boolean gsm7) {
		return gsm7 ? septets(message) <= GSM7_SINGLE : segments(message) <= UCS2_PARTS;
	}

	private static String join(String text, String link) {
		return text.isEmpty() ? link : link.isEmpty() ? text : text + " " + link;
	}

	/** The last blank at or before end (a word ends there), -1 without one. */
	private static int lastBlank(String text, int end) {
		for (int i = Math.min(end, text.length() - 1); i > 0; i--) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

}
