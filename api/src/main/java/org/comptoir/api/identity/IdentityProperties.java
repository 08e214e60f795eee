package org.comptoir.api.identity;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param url an existing Keycloak ({@code COMPTOIR_KEYCLOAK_URL}); empty: the local one started by the API
 * @param localPort port of the local Keycloak
 * @param adminUser the local Keycloak's bootstrap admin: only the local launcher signs in as it (to import
 * realms and set up the provisioning client); never used with an external Keycloak
 * @param adminPassword its password
 * @param audience the audience every token must carry
 * @param development local development: the password grant on the portal client, localhost redirect URIs,
 * temporary passwords returned by invitations. Default: on in the local run only ({@link DeploymentPosture})
 * @param redirectUris the portals' sign-in redirect URIs, for realms made outside development
 * @param provisioningClientId the confidential client of realm {@code master} the API provisions realms
 * with (client credentials; its service account holds only {@code create-realm})
 * @param provisioningClientSecret its secret; required with an external Keycloak, read from the local
 * Keycloak (which the launcher sets the client up in) otherwise
 */
@ConfigurationProperties("comptoir.keycloak")
public record IdentityProperties(String url, @DefaultValue("8180") int localPort, @DefaultValue("admin") String adminUser,
		@DefaultValue("admin") String adminPassword, @DefaultValue("comptoir-api") String audience,
		@DefaultValue("false") boolean development,
		@DefaultValue("https://*.comptoir.example/*") List<String> redirectUris,
		@DefaultValue("comptoir-provisioner") String provisioningClientId, String provisioningClientSecret) {

	public boolean local() {
		return url == null || url.isBlank();
	}

	public String baseUrl() {
		return local() ? "http://127.0.0.1:" + localPort : KeycloakIssuers.stripSlash(url);
	}

	@Override
	public String toString() {
		return "IdentityProperties[" + baseUrl() + ", development " + development + ", provisioning client "
				+ provisioningClientId + "]";
	}

}
