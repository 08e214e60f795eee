package org.comptoir.api.notices;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.comptoir.api.identity.MailProperties;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP (Spring's mail support), through the server the realms use ({@code comptoir.mail}): the
 * chamber's name as the sender's, a plain-text and an HTML part, one-click unsubscribe (RFC 8058), and a
 * Message-ID derived from the delivery, so a message sent again after a crash is recognisably the same.
 * Blocking: called on a scheduler for blocking work.
 */
@Component
class Mailer {

	private final JavaMailSenderImpl sender = new JavaMailSenderImpl();

	private final MailProperties mail;

	Mailer(MailProperties mail) {
		this.mail = mail;
		if (mail.configured()) {
			sender.setHost(mail.host());
			sender.setPort(mail.port());
			if (mail.user() != null && !mail.user().isBlank()) {
				sender.setUsername(mail.user());
				sender.setPassword(mail.password());
			}
			Properties properties = sender.getJavaMailProperties();
			properties.put("mail.smtp.starttls.enable", Boolean.toString(mail.starttls()));
			properties.put("mail.smtp.auth", Boolean.toString(mail.user() != null && !mail.user().isBlank()));
			properties.put("mail.smtp.connectiontimeout", "10000");
			properties.put("mail.smtp.timeout", "20000");
		}
	}

	boolean configured() {
		return mail.configured();
	}

	void send(String to, String senderName, Letter letter, String unsubscribe, String messageId) throws MessagingException {
		MimeMessage message = new MimeMessage(sender.getSession()) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		try {
			helper.setFrom(new InternetAddress(mail.from(), senderName, "UTF-8"));
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new MessagingException("UTF-8 is always there", ex);
		}
		helper.setTo(to);
		helper.setSubject(letter.subject());
		helper.setText(letter.text(), letter.html());
		message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
		message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		message.setHeader("Auto-Submitted", "auto-generated");
		sender.send(message);
	}

}
