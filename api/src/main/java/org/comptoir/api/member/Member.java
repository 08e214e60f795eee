package org.comptoir.api.member;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.comptoir.api.graphql.GlobalId;
import org.jspecify.annotations.Nullable;

/**
 * A member company of a chamber; {@code details}: its registrations and sectors as read with the row by
 * a profile's statement, null when the row was read without them.
 */
public record Member(UUID tenantId, UUID memberId, String name, String legalName, MemberStatus status, MemberTier tier,
		boolean verified, String country, String city, String website, Map<String, String> descriptions, int version,
		@Nullable Details details) {

	public static final String TYPE = "Member";

	/** What a profile shows beside the company's row: its registrations and its sectors' HS codes. */
	public record Details(List<Registration> registrations, List<String> sectors) {

		static final Details NONE = new Details(List.of(), List.of());
	}

	/** The same member, read without its details (a page of companies, a write). */
	public Member(UUID tenantId, UUID memberId, String name, String legalName, MemberStatus status, MemberTier tier,
			boolean verified, String country, String city, String website, Map<String, String> descriptions, int version) {
		this(tenantId, memberId, name, legalName, status, tier, verified, country, city, website, descriptions, version, null);
	}

	/**
	 * The same member at the same version: a member is a batch loader's key (its profile), with or
	 * without its details.
	 */
	@Override
	public boolean equals(Object other) {
		return other instanceof Member m && m.tenantId.equals(tenantId) && m.memberId.equals(memberId) && m.version == version;
	}

	@Override
	public int hashCode() {
		return memberId.hashCode() * 31 + version;
	}

	/** This member with its details, as a profile's statement read them together. */
	Member withDetails(Details details) {
		return new Member(tenantId, memberId, name, legalName, status, tier, verified, country, city, website, descriptions, version,
				details);
	}

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
