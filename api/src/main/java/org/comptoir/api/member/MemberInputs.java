package org.comptoir.api.member;

import java.util.List;

/** GraphQL inputs and payloads of the member feature. */
final class MemberInputs {

	private MemberInputs() {
	}

	record RegistrationInput(String scheme, String value) {
	}

	record RegisterMemberInput(String name, String legalName, String country, String city, String website,
			String description, List<RegistrationInput> registrations, List<String> sectorCodes) {
	}

	record ReviewMemberInput(String memberId, String decision, String reason) {
	}

	record SetMemberTierInput(String memberId, String tier, String reason) {
	}

	record LocalizedTextInput(String locale, String text) {
	}

	record UpdateMemberProfileInput(String memberId, Integer version, String name, String legalName, String city,
			String website, List<LocalizedTextInput> descriptions) {
	}

	record MemberFilter(List<String> statuses, Boolean verified, String country, List<String> hsCodePrefixes) {
	}

	record LocalizedText(String locale, String text) {
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
