package org.comptoir.keycloak;

import java.util.List;
import java.util.Objects;

/**
 * What a chamber's realm is made from.
 *
 * @param slug the chamber's slug, also the realm's name
 * @param displayName the name shown on the login page
 * @param defaultLocale the chamber's default locale, e.g. {@code fr}
 * @param locales every locale of the chamber; those Keycloak has no translations for are left out
 * of the realm (see {@link RealmTemplate#KEYCLOAK_LOCALES})
 * @param origins extra origins of the chamber's portal, e.g. its custom domain
 * {@code https://portal.cci-dakar.sn}: each becomes a redirect URI ({@code <origin>/*}) and a web
 * origin of the {@code portal} client, on top of those of the {@link RealmTemplate.Options}
 */
public record ChamberRealm(String slug, String displayName, String defaultLocale, List<String> locales,
		List<String> origins) {

	public ChamberRealm {
		Objects.requireNonNull(slug, "slug");
		displayName = (displayName != null) ? displayName : slug;
		locales = (locales != null) ? List.copyOf(locales) : List.of();
		origins = (origins != null) ? List.copyOf(origins) : List.of();
	}

	/** A chamber whose portal lives only on the origins of the {@link RealmTemplate.Options}. */
	public ChamberRealm(String slug, String displayName, String defaultLocale, List<String> locales) {
		this(slug, displayName, defaultLocale, locales, List.of());
	}

}
