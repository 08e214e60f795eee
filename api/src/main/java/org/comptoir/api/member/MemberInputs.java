package org.comptoir.api.member;

import java.util.ArrayList;
import java.util.List;

import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.UserError;

/** GraphQL inputs and payloads of the member feature, and how much of each one request may send. */
final class MemberInputs {

	/** Sector codes a company names (each one checked against the nomenclature). */
	static final int MAX_SECTORS = 30;

	static final int MAX_REGISTRATIONS = 10;

	/** Locales of a profile's descriptions. */
	static final int MAX_DESCRIPTIONS = 10;

	static final int MAX_DESCRIPTION_LENGTH = 5_000;

	/** A legal name, a city, a search text. */
	static final int MAX_TEXT_LENGTH = 200;

	/** Values in one list filter (statuses, HS prefixes). */
	static final int MAX_FILTER_VALUES = 50;

	private MemberInputs() {
	}

	/** What a registration sends beyond its bounds, as user errors, before anything is looked up. */
	static List<UserError> overBounds(RegisterMemberInput input) {
		List<UserError> errors = new ArrayList<>();
		if (input.sectorCodes() != null && input.sectorCodes().size() > MAX_SECTORS) {
			errors.add(UserError.of("TOO_MANY_SECTORS", "At most " + MAX_SECTORS + " sector codes.", "input", "sectorCodes"));
		}
		if (input.registrations() != null && input.registrations().size() > MAX_REGISTRATIONS) {
			errors.add(UserError.of("TOO_MANY_REGISTRATIONS", "At most " + MAX_REGISTRATIONS + " registrations.", "input",
					"registrations"));
		}
		tooLong(input.description(), MAX_DESCRIPTION_LENGTH, "INVALID_DESCRIPTION", "description", errors);
		tooLong(input.legalName(), MAX_TEXT_LENGTH, "INVALID_LEGAL_NAME", "legalName", errors);
		tooLong(input.city(), MAX_TEXT_LENGTH, "INVALID_CITY", "city", errors);
		return errors;
	}

	/** What a profile update sends beyond its bounds, as user errors. */
	static List<UserError> overBounds(UpdateMemberProfileInput input) {
		List<UserError> errors = new ArrayList<>();
		if (input.descriptions() != null) {
			if (input.descriptions().size() > MAX_DESCRIPTIONS) {
				errors.add(UserError.of("TOO_MANY_DESCRIPTIONS", "At most " + MAX_DESCRIPTIONS + " descriptions (one per locale).",
						"input", "descriptions"));
			}
			for (int i = 0; i < input.descriptions().size(); i++) {
				LocalizedTextInput d = input.descriptions().get(i);
				if (d.locale() == null || !d.locale().matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?")) {
					errors.add(UserError.of("INVALID_LOCALE", "A locale such as fr or en-GB.", "input", "descriptions", String.valueOf(i), "locale"));
				}
				tooLong(d.text(), MAX_DESCRIPTION_LENGTH, "INVALID_DESCRIPTION", "descriptions", errors);
			}
		}
		tooLong(input.legalName(), MAX_TEXT_LENGTH, "INVALID_LEGAL_NAME", "legalName", errors);
		tooLong(input.city(), MAX_TEXT_LENGTH, "INVALID_CITY", "city", errors);
		return errors;
	}

	/** A directory query over its bounds: {@code BAD_USER_INPUT}. */
	static void checkQuery(String query, MemberFilter filter) {
		if (query != null && query.length() > MAX_TEXT_LENGTH) {
			throw ApiException.badInput("query is limited to " + MAX_TEXT_LENGTH + " characters.");
		}
		if (filter != null && (size(filter.statuses()) > MAX_FILTER_VALUES || size(filter.hsCodePrefixes()) > MAX_FILTER_VALUES)) {
			throw ApiException.badInput("A filter takes at most " + MAX_FILTER_VALUES + " values per list.");
		}
	}

	private static int size(List<?> list) {
		return list == null ? 0 : list.size();
	}

	private static void tooLong(String text, int max, String code, String field, List<UserError> errors) {
		if (text != null && text.length() > max) {
			errors.add(UserError.of(code, "The " + field + " is limited to " + String.format("%,d", max) + " characters.", "input", field));
		}
	}

	record RegistrationInput(String scheme, String value) {
	}

	record RegisterMemberInput(String name, String legalName, String country, String city, String website,
			String description, List<RegistrationInput> registrations, List<String> sectorCodes) {
	}

	record ReviewMemberInput(String memberId, MemberDecision decision, String reason) {
	}

	record SetMemberTierInput(String memberId, MemberTier tier, String reason) {
	}

	record LocalizedTextInput(String locale, String text) {
	}

	record UpdateMemberProfileInput(String memberId, Integer version, String name, String legalName, String city,
			String website, List<LocalizedTextInput> descriptions) {
	}

	record MemberFilter(List<MemberStatus> statuses, Boolean verified, String country, List<String> hsCodePrefixes) {
	}

	record LocalizedText(String locale, String text) {
	}

	record InviteMemberUserInput(String email, String firstName, String lastName) {
	}

	record InviteMemberUserPayload(String userId, String email, String initialPassword, List<UserError> userErrors) {

		static InviteMemberUserPayload error(UserError error) {
			return new InviteMemberUserPayload(null, null, null, List.of(error));
		}
	}

	record MemberPayload(Member member, List<org.comptoir.api.graphql.UserError> userErrors) {

		static MemberPayload ok(Member member) {
			return new MemberPayload(member, List.of());
		}

		static MemberPayload error(org.comptoir.api.graphql.UserError... errors) {
			return new MemberPayload(null, List.of(errors));
		}
	}

}
