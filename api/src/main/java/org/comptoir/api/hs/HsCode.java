package org.comptoir.api.hs;

/** An HS code with its title in French and English. */
public record HsCode(String code, String titleFr, String titleEn) {

	/** The title in a locale: French, else English. */
	public String description(String locale) {
		return locale != null && locale.startsWith("fr") ? titleFr : titleEn;
	}

}
