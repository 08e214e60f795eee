package org.comptoir.tenants;

import java.util.List;

/**
 * A chamber as defined in a file of {@code tenants/src/main/resources/chambers/}: the data a new
 * deployment starts with. Once loaded, the database is the source of truth.
 */
public record Chamber(String slug, String name, String kind, String country, String defaultLocale,
		List<String> locales, String currency, Branding branding) {

	public record Branding(String displayName, String logoUrl, String primaryColor, String accentColor,
			String customDomain) {
	}

}
