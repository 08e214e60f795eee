package org.comptoir.api.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Real access tokens from the local Keycloak of the test run, through the password grant of the
 * {@code portal} client (enabled in development only). Cached per user for the run.
 */
public final class Tokens {

	private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

	private final String keycloakUrl;

	public Tokens(String keycloakUrl) {
		this.keycloakUrl = keycloakUrl;
	}

	/** A token for a demo user (password {@code demo}) of a realm. */
	public String demo(String realm, String email) {
		return CACHE.computeIfAbsent(realm + "/" + email, key -> password(realm, email, "demo"));
	}

	public String password(String realm, String username, String password) {
		return password(realm, "portal", username, password);
	}

	/** A password-grant token from any client of any realm ({@code admin-cli} of {@code master}, say). */
	public String password(String realm, String clientId, String username, String password) {
		Map<?, ?> response = WebClient.create(keycloakUrl)
			.post()
			.uri("/realms/{realm}/protocol/openid-connect/token", realm)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("grant_type", "password")
				.with("client_id", clientId)
				.with("username", username)
				.with("password", password)
				.with("scope", "openid"))
			.retrieve()
			.bodyToMono(Map.class)
			.block(Duration.ofSeconds(30));
		return (String) response.get("access_token");
	}

}
