package org.comptoir.api.identity;

import java.util.List;

import org.comptoir.keycloak.RealmTemplate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param url the Keycloak ({@code COMPTOIR_KEYCLOAK_URL}; the local run sets it to the Keycloak it launches)
 * @param audience the audience every token must carry
 * @param development local development: the password grant on the portal client, localhost redirect URIs,
 * temporary passwords returned by invitations. Default: on in the local run only ({@link DeploymentPosture})
 * @param redirectUris the portals' sign-in redirect URIs, for realms made outside development
 * @param portalUrl the portal of a chamber, {@code {realm}} standing for its slug (e.g.
 * {@code https://{realm}.comptoir.example}): the {@code portal} client's root URL, where the login theme takes
 * the chamber's {@code brand.css} from, and one more redirect URI. Default: {@code http://{realm}.localhost:8081}
 * in development, none elsewhere (login pages in the theme's own colours)
 * @param provisioningClientId the confidential client of realm {@code master} the API provisions realms
 * with (client credentials; its service account holds only {@code create-realm})
 * @param provisioningClientSecret its secret (the local run reads it from the Keycloak it set the client up in)
 */
@ConfigurationProperties("comptoir.keycloak")
public record IdentityProperties(String url, @DefaultValue("comptoir-api") String audience,
		@DefaultValue("false") boolean development,
		@DefaultValue("https://*.comptoir.example/*") List<String> redirectUris, String portalUrl,
		@DefaultValue("comptoir-provisioner") String provisioningClientId, String provisioningClientSecret) {

	public String baseUrl() {
		return KeycloakIssuers.stripSlash(url);
	}

	/** The realms this API makes: open for local development, locked down (with the portals' redirects) otherwise. */
	public RealmTemplate realmTemplate(MailProperties mail) {
		RealmTemplate.Options options = development ? RealmTemplate.Options.localDevelopment()
				: RealmTemplate.Options.production(redirectUris);
		if (portalUrl != null && !portalUrl.isBlank()) {
			options = options.withPortalUrl(portalUrl);
		}
		return new RealmTemplate(options.withSmtp(mail.smtp()));
	}

	@Override
	public String toString() {
		return "IdentityProperties[" + baseUrl() + ", development " + development + ", provisioning client "
				+ provisioningClientId + "]";
	}

}
