package org.comptoir.api.notices;

import reactor.core.publisher.Mono;

/**
 * One provider's API for short texts to phones (an SMS gateway, the WhatsApp Cloud API): the one small
 * interface every adapter implements. The text is already short ({@code ShortTexts}); the phone is E.164.
 */
interface TextProvider {

	/** The name configuration picks it by, e.g. {@code africastalking}. */
	String name();

	Channel channel();

	/**
	 * Sends one text. Completes with the provider's message id; fails with {@link TextRefused} when the
	 * provider refused the number itself (trying again will not help), with any other error when it may.
	 */
	Mono<String> send(TextMessage message);

	/**
	 * @param to the phone, E.164 ({@code +221771234567})
	 * @param text what the message says, link included, within one SMS where possible
	 * @param locale the recipient's language (WhatsApp templates are per language)
	 * @param reference the delivery's id
	 */
	record TextMessage(String to, String text, String locale, String reference) {
	}

	/** The provider refused the number (unknown, not a mobile, blacklisted, opted out at the carrier). */
	final class TextRefused extends RuntimeException {

		TextRefused(String message) {
			super(message);
		}

	}

}
