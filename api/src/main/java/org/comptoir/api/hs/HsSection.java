package org.comptoir.api.hs;

import java.util.List;

/** A section of the Harmonized System (I to XXI) with its titles and chapters. */
public record HsSection(String id, String titleFr, String titleEn, List<String> chapters) {

	public HsSection {
		chapters = List.copyOf(chapters);
	}

	/** The title in a locale: French, else English. */
	public String title(String locale) {
		return locale != null && locale.startsWith("fr") ? titleFr : titleEn;
	}

}
