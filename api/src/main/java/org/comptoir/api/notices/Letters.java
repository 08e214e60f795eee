package org.comptoir.api.notices;

/**
 * The words of notices, in the recipient's language (fr, en, ar right to left, rw; else the chamber's
 * default, else fr), with the chamber's branding.
 */
final class Letters {

	/** The chamber a letter comes from: its name, colour and logo (an absolute URL, or null). */
	record Sender(String displayName, String primaryColor, String logoUrl) {
	}

	private Letters() {
	}

	/**
	 * @param link the portal page the notice is about (absolute)
	 * @param unsubscribe the one-click unsubscribe URL (absolute)
	 */
	static Letter write(Notice notice, String locale, Sender sender, String link, String unsubscribe) {
		throw new UnsupportedOperationException("to be written");
	}

	/** The notice as a text message of at most 160 GSM-7 characters where the language allows, the link included. */
	static String shortText(Notice notice, String locale, Sender sender, String link) {
		throw new UnsupportedOperationException("to be written");
	}

}
