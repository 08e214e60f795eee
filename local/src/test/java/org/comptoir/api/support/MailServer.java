package org.comptoir.api.support;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The run's real SMTP server (GreenMail, in this JVM, on a free port of 127.0.0.1), started once; every
 * instance of the API points {@code comptoir.mail.*} at it (as the lowest-precedence settings, so an
 * instance may still override them), so the realms send their email here.
 */
public final class MailServer implements EnvironmentPostProcessor, Ordered {

	private static final Pattern ACTION_LINK = Pattern.compile("https?://[^\\s\"'<>]+/login-actions/action-token\\?[^\\s\"'<>]+");

	private static final class Holder {

		static final GreenMail SERVER = start();

		private static GreenMail start() {
			GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "greenmail-stop"));
			return server;
		}

	}

	/**
	 * A post-processor: before the local Keycloak is set up (its realms get this mail server) and before
	 * identity.DeploymentPosture, which refuses to start without a mail server outside development.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().addLast(new MapPropertySource("testMailServer", Map.of("comptoir.mail.host", "127.0.0.1",
				"comptoir.mail.port", Integer.toString(port()), "comptoir.mail.from", "no-reply@comptoir.test",
				"comptoir.mail.starttls", "false")));
	}

	public static int port() {
		return Holder.SERVER.getSmtp().getPort();
	}

	/** The messages received so far for this address. */
	public static List<MimeMessage> to(String address) {
		return Arrays.stream(Holder.SERVER.getReceivedMessages()).filter(message -> isFor(message, address)).toList();
	}

	/** The first message for this address, waiting for it up to the timeout. */
	public static MimeMessage await(String address, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<MimeMessage> received = to(address);
			if (!received.isEmpty()) {
				return received.get(0);
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("No email to " + address + " within " + timeout);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	/** The first message for this address whose subject contains the words (any case), waiting for it up to 10 s. */
	public static MimeMessage about(String address, String words) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			List<MimeMessage> found = to(address).stream().filter(m -> subject(m).toLowerCase().contains(words.toLowerCase())).toList();
			if (!found.isEmpty()) {
				return found.get(0);
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("No e-mail to " + address + " about '" + words + "' within 10 s");
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	public static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new AssertionError("Cannot read the email", ex);
		}
	}

	/** The message's text, every part of it decoded. */
	public static String text(MimeMessage message) {
		try {
			return text((Part) message);
		}
		catch (IOException | MessagingException ex) {
			throw new AssertionError("Cannot read the email", ex);
		}
	}

	/** The Keycloak action-token link of the message ({@code .../realms/<realm>/login-actions/action-token?key=...}). */
	public static String actionLink(MimeMessage message) {
		Matcher link = ACTION_LINK.matcher(text(message));
		if (!link.find()) {
			throw new AssertionError("No action-token link in the email: " + text(message));
		}
		return link.group().replace("&amp;", "&");
	}

	private static String text(Part part) throws IOException, MessagingException {
		Object content = part.getContent();
		if (content instanceof Multipart multipart) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				text.append(text(multipart.getBodyPart(i))).append('\n');
			}
			return text.toString();
		}
		return String.valueOf(content);
	}

	private static boolean isFor(MimeMessage message, String address) {
		try {
			Address[] recipients = message.getAllRecipients();
			return recipients != null && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			return false;
		}
	}

}
