package org.comptoir.api.notices;

/**
 * What a text message costs a phone: GSM 03.38 (its basic set, and the extension table, whose characters take
 * two septets), 160 septets one SMS; one character outside it (Arabic, an emoji, {@code ç}) turns the whole
 * message to UCS-2, 70 UTF-16 units. {@code Letters} fits the notices' texts by these counts.
 */
final class ShortTexts {

	/** What one SMS holds, and one part of a longer one (each part carries a 6- or 7-byte header). */
	static final int GSM7_SINGLE = 160, GSM7_PART = 153, UCS2_SINGLE = 70, UCS2_PART = 67;

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

}
