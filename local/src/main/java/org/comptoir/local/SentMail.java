package org.comptoir.local;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * A message the local mail server received, as {@code GET /local/mail} shows it.
 *
 * @param to the To recipients
 * @param from the sender
 * @param subject the decoded subject
 * @param date the Date header, or when it arrived without one
 * @param text the text/plain part, or the body of a single-part message
 * @param html the text/html part, null without one
 * @param headers every header's values by its name, case aside (List-Unsubscribe, Message-ID...)
 */
record SentMail(List<String> to, String from, String subject, Instant date, String text, String html,
		Map<String, List<String>> headers) {

	static SentMail of(MimeMessage message, Date received) throws MessagingException, IOException {
		Object content = message.getContent();
		String text, html;
		if (content instanceof Multipart multipart) {
			text = part(multipart, "text/plain");
			html = part(multipart, "text/html");
		}
		else {
			text = String.valueOf(content);
			html = message.isMimeType("text/html") ? text : null;
		}
		// header names are case-insensitive: Jakarta Mail writes Message-Id, others Message-ID
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (Header header : Collections.list(message.getAllHeaders())) {
			headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(MimeUtility.unfold(header.getValue()));
		}
		return new SentMail(addresses(message.getRecipients(Message.RecipientType.TO)), String.join(", ", addresses(message.getFrom())),
				message.getSubject(), (message.getSentDate() != null ? message.getSentDate() : received).toInstant(), text, html, headers);
	}

	/** The first part of that type at any depth, attachments aside. */
	private static String part(Multipart multipart, String type) throws MessagingException, IOException {
		for (int i = 0; i < multipart.getCount(); i++) {
			Part part = multipart.getBodyPart(i);
			if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
				continue;
			}
			Object content = part.getContent();
			String found = content instanceof Multipart nested ? part(nested, type) : part.isMimeType(type) ? String.valueOf(content) : null;
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	private static List<String> addresses(Address[] addresses) {
		return addresses == null ? List.of() : Arrays.stream(addresses).map(SentMail::display).toList();
	}

	private static String display(Address address) {
		return address instanceof InternetAddress internet ? internet.toUnicodeString() : address.toString();
	}

}
