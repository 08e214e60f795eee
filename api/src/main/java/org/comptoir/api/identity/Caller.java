package org.comptoir.api.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The signed-in user of a request, from a token the API trusts: its realm (a chamber's slug, or
 * {@code platform}), subject, email, name and realm roles.
 */
public record Caller(String realm, UUID userId, String email, String displayName, List<String> roles) {

	public static final String CHAMBER_ADMIN = "chamber-admin";

	public static final String MEMBER = "member";

	public static final String PLATFORM_ADMIN = "platform-admin";

	public static final String PLATFORM_REALM = "platform";

	public static Optional<Caller> of(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()) {
			return Optional.of(from(token.getToken()));
		}
		return Optional.empty();
	}

	static Caller from(Jwt jwt) {
		String realm = KeycloakIssuers.realmOf(jwt.getIssuer() == null ? "" : jwt.getIssuer().toString());
		String name = jwt.getClaimAsString("name");
		String email = jwt.getClaimAsString("email");
		return new Caller(realm, UUID.fromString(jwt.getSubject()), email == null ? "" : email, name, KeycloakIssuers.realmRoles(jwt));
	}

	public boolean hasRole(String role) {
		return roles.contains(role);
	}

	/** Whether this caller runs the chamber {@code slug}: a token of its realm with the role chamber-admin. */
	public boolean isAdminOf(String slug) {
		return realm.equals(slug) && hasRole(CHAMBER_ADMIN);
	}

}
