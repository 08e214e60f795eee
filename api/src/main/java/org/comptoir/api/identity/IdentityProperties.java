package org.comptoir.api.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param url an existing Keycloak ({@code COMPTOIR_KEYCLOAK_URL}); empty: the local one started by the API
 * @param localPort port of the local Keycloak
 * @param adminUser the local Keycloak's bootstrap admin, also used for provisioning realms
 * @param adminPassword its password
 * @param audience the audience every token must carry
 * @param development local development: demo users and the password grant on the portal client
 * @param redirectUris the portals' sign-in redirect URIs, for realms made outside development
 */
@ConfigurationProperties("comptoir.keycloak")
public record IdentityProperties(String url, @DefaultValue("8180") int localPort, @DefaultValue("admin") String adminUser,
		@DefaultValue("admin") String adminPassword, @DefaultValue("comptoir-api") String audience,
		@DefaultValue("true") boolean development,
		@DefaultValue("https://*.comptoir.example/*") java.util.List<String> redirectUris) {

	public boolean local() {
		return url == null || url.isBlank();
	}

	public String baseUrl() {
		return local() ? "http://127.0.0.1:" + localPort : KeycloakIssuers.stripSlash(url);
	}

}
