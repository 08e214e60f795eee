package org.comptoir.api.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.jwt.Jwt;

/** How Keycloak names things: an issuer is {@code <keycloak>/realms/<realm>}, roles are in {@code realm_access}. */
final class KeycloakIssuers {

	private KeycloakIssuers() {
	}

	static String issuer(String keycloakUrl, String realm) {
		return stripSlash(keycloakUrl) + "/realms/" + realm;
	}

	/** The realm of an issuer URL, or "" when it is not a Keycloak realm issuer. */
	static String realmOf(String issuer) {
		int at = issuer.lastIndexOf("/realms/");
		return at < 0 ? "" : issuer.substring(at + "/realms/".length());
	}

	static List<String> realmRoles(Jwt jwt) {
		Object access = jwt.getClaims().get("realm_access");
		if (access instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> roles) {
			return roles.stream().map(Object::toString).sorted().toList();
		}
		return List.of();
	}

	static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
