package org.comptoir.local;

import java.time.Instant;

/**
 * A text the local text provider received, as {@code GET /local/texts} shows it.
 *
 * @param channel {@code SMS} or {@code WHATSAPP}
 * @param to the phone, E.164
 * @param text what it says (for WhatsApp, the template's body parameter)
 * @param locale the WhatsApp template's language; null for an SMS (Africa's Talking's API carries none)
 * @param reference the delivery's id, sent as WhatsApp's biz_opaque_callback_data; null for an SMS
 * @param id the message id the local provider answered with
 * @param at when it arrived
 */
record SentText(String channel, String to, String text, String locale, String reference, String id, Instant at) {
}
