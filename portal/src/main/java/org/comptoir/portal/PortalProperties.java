package org.comptoir.portal;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the portal finds the API and Keycloak, and how it names chambers by host.
 *
 * @param apiUrl the API's GraphQL endpoint over HTTP
 * @param apiWebSocketUrl the same over WebSocket ({@code graphql-transport-ws}); by default {@code apiUrl} as ws
 * @param keycloakUrl Keycloak's public address: realm {@code <slug>} is {@code <keycloakUrl>/realms/<slug>}
 * @param baseDomain a chamber's host is {@code <slug>.<baseDomain>} (or its verified custom domain)
 * @param forwarderSecret proves to the API that this server forwards its visitors' addresses
 * ({@code comptoir.rate-limit.trusted-forwarders} there), so rate limits count each visitor, not the portal
 */
@ConfigurationProperties("comptoir.portal")
public record PortalProperties(@DefaultValue("http://localhost:8080/graphql") URI apiUrl, URI apiWebSocketUrl,
		@DefaultValue("http://127.0.0.1:8180") String keycloakUrl, @DefaultValue("localhost") String baseDomain,
		String forwarderSecret) {

	public URI webSocketUrl() {
		if (apiWebSocketUrl != null) {
			return apiWebSocketUrl;
		}
		return URI.create(apiUrl.toString().replaceFirst("^http", "ws"));
	}

	/** The issuer of a chamber's realm. */
	public String issuer(String slug) {
		return keycloakUrl.replaceAll("/+$", "") + "/realms/" + slug;
	}

}
