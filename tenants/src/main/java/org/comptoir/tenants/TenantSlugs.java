package org.comptoir.tenants;

import java.util.Set;
import java.util.regex.Pattern;

/** What a chamber slug may be: it names a Keycloak realm, a sub-domain and an {@code X-Tenant} value. */
public final class TenantSlugs {

	private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{1,38}[a-z0-9]");

	/** Names that can never be a chamber: Keycloak's own realm, the platform realm, infrastructure hosts. */
	public static final Set<String> RESERVED = Set.of("master", "platform", "admin", "api", "www", "graphql",
			"keycloak", "auth", "static");

	private TenantSlugs() {
	}

	public static boolean isValid(String slug) {
		return slug != null && SLUG.matcher(slug).matches() && !RESERVED.contains(slug);
	}

}
