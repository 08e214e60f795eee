package org.comptoir.portal.chamber;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A chamber as its portal shows it: what {@code PortalChambers.graphql} reads of each one.
 *
 * @param logoUrl the logo's address: an uploaded logo's variant, else the branding's logo URL, else none
 */
public record Chamber(String id, String slug, String name, String kind, String country, String defaultLocale,
		List<String> locales, String currency, String displayName, String logoUrl, String faviconUrl,
		String primaryColor, String accentColor, String customDomain) {

	/** The exchange attribute holding the request's chamber. */
	public static final String ATTRIBUTE = Chamber.class.getName();

	public Chamber {
		locales = List.copyOf(locales);
	}

	@SuppressWarnings("unchecked")
	static Chamber of(Map<String, Object> tenant) {
		Map<String, Object> branding = (Map<String, Object>) tenant.get("branding");
		Map<String, Object> logo = (Map<String, Object>) branding.get("logo");
		Map<String, Object> favicon = (Map<String, Object>) branding.get("favicon");
		String logoUrl = logo != null ? (String) logo.get("url") : (String) branding.get("logoUrl");
		return new Chamber((String) tenant.get("id"), (String) tenant.get("slug"), (String) tenant.get("name"),
				(String) tenant.get("kind"), (String) tenant.get("country"), (String) tenant.get("defaultLocale"),
				(List<String>) tenant.get("locales"), (String) tenant.get("currency"), (String) branding.get("displayName"),
				logoUrl, favicon != null ? (String) favicon.get("url") : null, (String) branding.get("primaryColor"),
				(String) branding.get("accentColor"), (String) branding.get("customDomain"));
	}

	/** The chamber's locale for a language: the language in the chamber's country ({@code fr-SN}, {@code ar-MA}). */
	public Locale locale(String language) {
		return new Locale.Builder().setLanguage(language).setRegion(country).build();
	}

	/** Whether the chamber offers this language. */
	public boolean offers(String language) {
		return locales.contains(language);
	}

}
