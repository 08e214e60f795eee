package org.comptoir.api.member;

import java.util.Map;
import java.util.UUID;

import org.comptoir.api.graphql.GlobalId;

/** A member company of a chamber. */
public record Member(UUID tenantId, UUID memberId, String name, String legalName, MemberStatus status, MemberTier tier,
		boolean verified, String country, String city, String website, Map<String, String> descriptions, int version) {

	public static final String TYPE = "Member";

	public String id() {
		return GlobalId.of(TYPE, tenantId, memberId).encode();
	}

	public boolean active() {
		return status == MemberStatus.ACTIVE;
	}

	/** The description in a locale, else in the chamber's default locale, else any. */
	public String description(String locale, String defaultLocale) {
		if (locale != null && descriptions.containsKey(locale)) {
			return descriptions.get(locale);
		}
		if (descriptions.containsKey(defaultLocale)) {
			return descriptions.get(defaultLocale);
		}
		return descriptions.values().stream().findFirst().orElse(null);
	}

}
