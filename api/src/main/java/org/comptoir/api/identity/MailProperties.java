package org.comptoir.api.identity;

import org.comptoir.keycloak.RealmTemplate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mail server the chambers' realms send their email through (invitations, password resets), applied
 * to every realm the API creates and, in the local run, to the demo realms. Required outside development.
 *
 * @param host the SMTP host; empty: no mail (development only)
 * @param port its port
 * @param from the sender address
 * @param starttls upgrade the connection with STARTTLS
 * @param user the user to authenticate as; empty: no authentication
 * @param password that user's password
 */
@ConfigurationProperties("comptoir.mail")
public record MailProperties(String host, @DefaultValue("587") int port, @DefaultValue("no-reply@comptoir.example") String from,
		@DefaultValue("true") boolean starttls, String user, String password) {

	public boolean configured() {
		return host != null && !host.isBlank();
	}

	/** The realms' {@code smtpServer}, or null without a host. */
	public RealmTemplate.Smtp smtp() {
		return configured() ? new RealmTemplate.Smtp(host, port, from, starttls, user, password) : null;
	}

	@Override
	public String toString() {
		return "MailProperties[" + (configured() ? host + ":" + port + ", from " + from : "none") + "]";
	}

}
