package org.comptoir.local;

import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The local run's mail server and its view, without a Spring context (and so without Keycloak). */
class LocalMailTests {

	private LocalMail mail;

	private Session session;

	@BeforeEach
	void start() {
		mail = LocalMail.start(0);
		Properties smtp = new Properties();
		smtp.put("mail.smtp.host", LocalMail.HOST);
		smtp.put("mail.smtp.port", Integer.toString(mail.port()));
		session = Session.getInstance(smtp);
	}

	@AfterEach
	void stop() {
		mail.stop();
	}

	@Test
	void aLetterIsReadWithItsTextItsHtmlAndItsHeaders() throws Exception {
		MimeMessage letter = letter("awa@senegal.test", "Nouvelle demande");
		letter.saveChanges();

		SentMail read = SentMail.of(letter, new Date());

		assertThat(read.to()).containsExactly("awa@senegal.test");
		assertThat(read.from()).isEqualTo("Comptoir <no-reply@comptoir.localhost>");
		assertThat(read.subject()).isEqualTo("Nouvelle demande");
		assertThat(read.date()).isEqualTo(Instant.parse("2025-03-01T10:15:30Z"));
		assertThat(read.text()).isEqualTo("Une demande de café");
		assertThat(read.html()).isEqualTo("<p>Une demande de <b>café</b></p>");
		assertThat(read.headers().get("List-Unsubscribe")).containsExactly("<https://comptoir.localhost/unsubscribe?t=abc>");
		assertThat(read.headers().get("Message-ID")).singleElement().asString().startsWith("<");
	}

	@Test
	void aSingleBodyIsTheTextAndAnUndatedLetterTakesItsArrival() throws Exception {
		MimeMessage plain = new MimeMessage(session);
		// unsaved: saveChanges would give it a Date header
		plain.setText("Bonjour");

		Date received = new Date();

		assertThat(SentMail.of(plain, received)).extracting(SentMail::text, SentMail::html, SentMail::date)
			.containsExactly("Bonjour", null, received.toInstant());
	}

	@Test
	void whatIsSentOverSmtpIsListedNewestFirstOnceEachAndCleared() throws Exception {
		Transport.send(letter("awa@senegal.test", "first"));
		MimeMessage second = letter("awa@senegal.test", "second");
		second.addRecipient(Message.RecipientType.CC, new InternetAddress("karim@maroc.test"));
		Transport.send(second);

		assertThat(mail.received(null)).extracting(SentMail::subject).containsExactly("second", "first");
		List<SentMail> toKarim = mail.received("KARIM@maroc.test");
		assertThat(toKarim).extracting(SentMail::subject).containsExactly("second");
		assertThat(toKarim.get(0).html()).contains("café");
		assertThat(mail.received("nobody@comptoir.test")).isEmpty();

		mail.clear();
		assertThat(mail.received(null)).isEmpty();
	}

	private MimeMessage letter(String to, String subject) throws MessagingException, UnsupportedEncodingException {
		MimeMessage letter = new MimeMessage(session);
		letter.setFrom(new InternetAddress("no-reply@comptoir.localhost", "Comptoir", "UTF-8"));
		letter.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
		letter.setSubject(subject, "UTF-8");
		letter.setSentDate(Date.from(Instant.parse("2025-03-01T10:15:30Z")));
		letter.setHeader("List-Unsubscribe", "<https://comptoir.localhost/unsubscribe?t=abc>");
		MimeBodyPart text = new MimeBodyPart();
		text.setText("Une demande de café", "UTF-8");
		MimeBodyPart html = new MimeBodyPart();
		html.setText("<p>Une demande de <b>café</b></p>", "UTF-8", "html");
		letter.setContent(new MimeMultipart("alternative", text, html));
		return letter;
	}

}
