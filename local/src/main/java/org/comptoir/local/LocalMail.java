package org.comptoir.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The local run's SMTP server (GreenMail on 127.0.0.1, any recipient, no authentication), where the realms
 * and the API send their email, kept in memory to be read at {@code /local/mail}; stopped with the JVM.
 */
final class LocalMail {

	static final String HOST = "127.0.0.1";

	private final GreenMail server;

	private LocalMail(GreenMail server) {
		this.server = server;
	}

	/** Started on that port, 0: a free one. */
	static LocalMail start(int port) {
		ServerSetup setup = new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP);
		GreenMail server = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
		try {
			server.start();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The local mail server cannot listen on " + HOST + ":" + port
					+ " (set comptoir.local.mail-port, 0 for a free port)", ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "local-mail-stop"));
		return new LocalMail(server);
	}

	int port() {
		return server.getSmtp().getPort();
	}

	/** What the realms and the API are configured with, as defaults. */
	Map<String, Object> properties() {
		return Map.of("comptoir.mail.host", HOST, "comptoir.mail.port", Integer.toString(port()), "comptoir.mail.starttls", "false",
				"comptoir.mail.from", "no-reply@comptoir.localhost");
	}

	/** The messages received, newest first, once each (GreenMail keeps a copy per recipient); to that address only unless null. */
	List<SentMail> received(String to) {
		Map<Object, StoredMessage> messages = new LinkedHashMap<>();
		server.getManagers().getImapHostManager().getAllMessages().stream()
			.sorted(Comparator.comparing(StoredMessage::getReceivedDate).reversed())
			.filter(stored -> to == null || isFor(stored.getMimeMessage(), to))
			.forEach(stored -> messages.putIfAbsent(id(stored.getMimeMessage()), stored));
		return messages.values().stream().map(LocalMail::read).toList();
	}

	void clear() {
		try {
			server.purgeEmailFromAllMailboxes();
		}
		catch (FolderException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void stop() {
		server.stop();
	}

	private static SentMail read(StoredMessage stored) {
		try {
			return SentMail.of(stored.getMimeMessage(), stored.getReceivedDate());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Its Message-ID, or itself without one. */
	private static Object id(MimeMessage message) {
		try {
			String id = message.getMessageID();
			return id != null ? id : message;
		}
		catch (MessagingException ex) {
			return message;
		}
	}

	private static boolean isFor(MimeMessage message, String address) {
		try {
			Address[] recipients = message.getAllRecipients();
			return recipients != null && Arrays.stream(recipients)
				.anyMatch(r -> r instanceof InternetAddress internet && address.equalsIgnoreCase(internet.getAddress()));
		}
		catch (MessagingException ex) {
			return false;
		}
	}

}
