package org.comptoir.api.member;

import java.util.List;
import java.util.Map;

import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class MemberIntegrationTests extends Chambers {

	private static final Map<String, Object> NEW_COMPANY = Map.of("name", "Teranga Cajou Export", "legalName",
			"Teranga Cajou Export SARL", "country", "SN", "city", "Ziguinchor", "website", "https://teranga-cajou.example",
			"description", "Transformation de noix de cajou en Casamance.",
			"registrations", List.of(Map.of("scheme", "NINEA", "value", "007654321"), Map.of("scheme", "RCCM", "value", "SN-ZIG-2024-B-00042")),
			"sectorCodes", List.of("0801", "080132"));

	private List<String> directoryNames(String slug) {
		return anonymous(slug).documentName("MemberDirectory").variable("first", 100).execute()
			.path("members.edges[*].node.name").entityList(String.class).get();
	}

	private String memberId(String slug, String name) {
		return as("admin", slug).documentName("MemberDirectory").variable("query", name).variable("first", 5)
			.variable("filter", Map.of("statuses", List.of("PENDING", "ACTIVE", "SUSPENDED", "REJECTED")))
			.execute()
			.path("members.edges[0].node.id").entity(String.class).get();
	}

	private void review(String slug, String memberId, String decision, String expectedStatus) {
		as("admin", slug).documentName("ReviewMember")
			.variable("input", Map.of("memberId", memberId, "decision", decision, "reason", "test " + decision))
			.execute()
			.path("reviewMember.userErrors").entityList(Object.class).hasSize(0)
			.path("reviewMember.member.status").entity(String.class).isEqualTo(expectedStatus);
	}

	@Test
	void approvedMemberAppearsInDirectoryAndSuspendedOneLeavesIt() {
		String id = as("newcomer", "senegal").documentName("RegisterMember").variable("input", NEW_COMPANY).execute()
			.path("registerMember.userErrors").entityList(Object.class).hasSize(0)
			.path("registerMember.member.status").entity(String.class).isEqualTo("PENDING")
			.path("registerMember.member.tier").entity(String.class).isEqualTo("FREE")
			.path("registerMember.member.verified").entity(Boolean.class).isEqualTo(false)
			.path("registerMember.member.id").entity(String.class).get();

		assertThat(directoryNames("senegal")).doesNotContain("Teranga Cajou Export");
		as("newcomer", "senegal").documentName("PortalShell").execute()
			.path("viewer.member.id").entity(String.class).isEqualTo(id);

		// the company's own user cannot approve it
		as("newcomer", "senegal").documentName("ReviewMember")
			.variable("input", Map.of("memberId", id, "decision", "APPROVE")).execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));

		// pending companies wait in the chamber's dashboard
		as("admin", "senegal").documentName("ChamberDashboard").execute()
			.path("tenant.stats.members.pending").entity(Integer.class).satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(1))
			.path("members.edges[*].node.name").entityList(String.class).contains("Teranga Cajou Export")
			.path("members.edges[?(@.node.name == 'Teranga Cajou Export')].node.registrations[*].scheme")
			.entityList(String.class).contains("NINEA", "RCCM");

		review("senegal", id, "APPROVE", "ACTIVE");
		as("admin", "senegal").documentName("ReviewMember").variable("input", Map.of("memberId", id, "decision", "VERIFY"))
			.execute()
			.path("reviewMember.member.verified").entity(Boolean.class).isEqualTo(true);
		assertThat(directoryNames("senegal")).contains("Teranga Cajou Export");

		anonymous("senegal").documentName("MemberProfile").variable("id", id).execute()
			.path("member.name").entity(String.class).isEqualTo("Teranga Cajou Export")
			.path("member.verified").entity(Boolean.class).isEqualTo(true)
			.path("member.description").entity(String.class).isEqualTo("Transformation de noix de cajou en Casamance.")
			.path("member.sectors[*].code").entityList(String.class).containsExactly("0801", "080132")
			.path("member.tenant.slug").entity(String.class).isEqualTo("senegal");

		// an impossible transition is a user error, not an exception
		as("admin", "senegal").documentName("ReviewMember").variable("input", Map.of("memberId", id, "decision", "APPROVE"))
			.execute()
			.path("reviewMember.member").valueIsNull()
			.path("reviewMember.userErrors[0].code").entity(String.class).isEqualTo("INVALID_TRANSITION");

		review("senegal", id, "SUSPEND", "SUSPENDED");
		assertThat(directoryNames("senegal")).doesNotContain("Teranga Cajou Export");
		anonymous("senegal").documentName("MemberProfile").variable("id", id).execute().path("member").valueIsNull();

		// every decision is in the review log, with who and why
		as("admin", "senegal").document("query($id: ID) { memberReviews(memberId: $id) { decision toStatus reason actor } }")
			.variable("id", id).execute()
			.path("memberReviews[*].decision").entityList(String.class).containsExactly("SUSPEND", "VERIFY", "APPROVE")
			.path("memberReviews[0].actor").entity(String.class).isEqualTo("admin@senegal.test")
			.path("memberReviews[0].reason").entity(String.class).isEqualTo("test SUSPEND");

		// registering twice is refused
		as("newcomer", "senegal").documentName("RegisterMember").variable("input", NEW_COMPANY).execute()
			.path("registerMember.userErrors[0].code").entity(String.class).isEqualTo("ALREADY_MEMBER");
	}

	@Test
	void anotherChambersAdminCannotReviewOrSeeAMember() {
		// a pending company is private to its chamber
		String pending = as("admin", "senegal").documentName("MemberDirectory")
			.variable("filter", Map.of("statuses", List.of("PENDING"))).execute()
			.path("members.edges[0].node.id").entity(String.class).get();
		as("admin", "maroc").documentName("ReviewMember").variable("input", Map.of("memberId", pending, "decision", "APPROVE"))
			.execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "NOT_FOUND")));
		as("admin", "maroc").documentName("MemberProfile").variable("id", pending).execute().path("member").valueIsNull();
		as("admin", "maroc").documentName("NodeLookup").variable("id", pending).execute().path("node").valueIsNull();
		anonymous("maroc").documentName("NodeLookup").variable("id", pending).execute().path("node").valueIsNull();
		// still there, and untouched, in its own chamber
		as("admin", "senegal").documentName("NodeLookup").variable("id", pending).execute()
			.path("node.__typename").entity(String.class).isEqualTo("Member")
			.path("node.tenant.slug").entity(String.class).isEqualTo("senegal");
		as("admin", "senegal").documentName("MemberProfile").variable("id", pending).execute()
			.path("member.status").entity(String.class).isEqualTo("PENDING");

		// a company with network listings shows its public profile to the network, and still cannot be reviewed from there
		String networked = memberId("senegal", "Anacarde");
		anonymous("maroc").documentName("MemberProfile").variable("id", networked).execute()
			.path("member.tenant.slug").entity(String.class).isEqualTo("senegal")
			.path("member.listings.edges[*].node.id").entityList(String.class).satisfies(ids -> assertThat(ids).isNotEmpty());
		as("admin", "maroc").documentName("ReviewMember").variable("input", Map.of("memberId", networked, "decision", "SUSPEND"))
			.execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "NOT_FOUND")));
		anonymous("senegal").documentName("MemberProfile").variable("id", networked).execute()
			.path("member.status").entity(String.class).isEqualTo("ACTIVE");
	}

	@Test
	void invalidRegistrationsAndHsCodesAreUserErrors() {
		as("newcomer", "maroc").documentName("RegisterMember").variable("input", Map.of("name", "Atlas Argan", "country", "MA",
				"registrations", List.of(Map.of("scheme", "ICE", "value", "12345")), "sectorCodes", List.of("1515", "7701", "0000")))
			.execute()
			.path("registerMember.member").valueIsNull()
			.path("registerMember.userErrors[*].code").entityList(String.class)
			.satisfies(codes -> assertThat(codes).containsExactlyInAnyOrder("INVALID_REGISTRATION", "INVALID_HS_CODE", "INVALID_HS_CODE"))
			.path("registerMember.userErrors[?(@.code == 'INVALID_REGISTRATION')].field").entityList(List.class)
			.containsExactly(List.of("input", "registrations", "0", "value"));
		as("newcomer", "france").documentName("RegisterMember").variable("input", Map.of("name", "Torréfaction Lutèce", "country", "FR",
				"registrations", List.of(Map.of("scheme", "SIREN", "value", "732829321"))))
			.execute()
			.path("registerMember.userErrors[0].code").entity(String.class).isEqualTo("INVALID_REGISTRATION");
		// nothing was created
		as("newcomer", "maroc").documentName("PortalShell").execute().path("viewer.member").valueIsNull();
	}

	@Test
	void directorySearchForgivesAccentsAndTyposAndPagesEveryRowOnce() {
		anonymous("rwanda").documentName("MemberDirectory").variable("query", "cooperative cafe").execute()
			.path("members.edges[*].node.name").entityList(String.class).contains("Coopérative Café Kivu");
		anonymous("senegal").documentName("MemberDirectory").variable("query", "anacrade").execute()
			.path("members.totalCount").entity(Integer.class).satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(1));

		int total = anonymous("maroc").documentName("MemberDirectory").variable("first", 1).execute()
			.path("members.totalCount").entity(Integer.class).get();
		List<String> seen = new java.util.ArrayList<>();
		String after = null;
		do {
			var response = anonymous("maroc").documentName("MemberDirectory").variable("first", 7).variable("after", after).execute();
			seen.addAll(response.path("members.edges[*].node.id").entityList(String.class).get());
			boolean next = response.path("members.pageInfo.hasNextPage").entity(Boolean.class).get();
			after = next ? response.path("members.pageInfo.endCursor").entity(String.class).get() : null;
		}
		while (after != null);
		assertThat(seen).hasSize(total).doesNotHaveDuplicates();
		assertThat(total).isEqualTo(22);
	}

	@Test
	void anonymousSeesActiveCompaniesOnlyAndAdminsSeeAll() {
		anonymous("france").documentName("MemberDirectory")
			.variable("filter", Map.of("statuses", List.of("PENDING", "SUSPENDED"))).execute()
			.path("members.totalCount").entity(Integer.class).isEqualTo(0);
		as("admin", "france").documentName("MemberDirectory")
			.variable("filter", Map.of("statuses", List.of("PENDING", "SUSPENDED", "REJECTED", "ACTIVE"))).variable("first", 50).execute()
			.path("members.totalCount").entity(Integer.class).satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(28));
		anonymous("france").documentName("ChamberDashboard").execute()
			.path("tenant.stats").valueIsNull();
	}

	@Test
	void ownersEditTheirProfileAndStaleVersionsConflict() {
		var profile = as("owner", "rwanda").document("{ viewer { member { id version } } }").execute();
		String id = profile.path("viewer.member.id").entity(String.class).get();
		int version = profile.path("viewer.member.version").entity(Integer.class).get();
		String mutation = """
				mutation($input: UpdateMemberProfileInput!) {
				  updateMemberProfile(input: $input) { member { version description(locale: "fr") city } userErrors { code } }
				}""";
		as("owner", "rwanda").document(mutation).variable("input", Map.of("memberId", id, "version", version, "city", "Huye",
				"descriptions", List.of(Map.of("locale", "fr", "text", "Torréfacteur à Huye."))))
			.execute()
			.path("updateMemberProfile.member.city").entity(String.class).isEqualTo("Huye")
			.path("updateMemberProfile.member.description").entity(String.class).isEqualTo("Torréfacteur à Huye.")
			.path("updateMemberProfile.member.version").entity(Integer.class).isEqualTo(version + 1);
		as("owner", "rwanda").document(mutation).variable("input", Map.of("memberId", id, "version", version, "city", "Musanze"))
			.execute()
			.path("updateMemberProfile.userErrors[0].code").entity(String.class).isEqualTo("CONFLICT");
		// the fallback: a locale without description gets the chamber's default (en)
		anonymous("rwanda").documentName("MemberProfile").variable("id", id).variable("locale", "rw").execute()
			.path("member.city").entity(String.class).isEqualTo("Huye")
			.path("member.description").entity(String.class).satisfies(d -> assertThat(d).isNotBlank().doesNotContain("Torréfacteur"));
		// someone else's profile is not theirs to edit
		String other = memberId("rwanda", "Kivu");
		as("owner", "rwanda").document(mutation).variable("input", Map.of("memberId", other, "version", 0, "city", "X"))
			.execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
	}

	@Test
	void hsCodesFoundByPrefixAndByWordsWithoutAccents() {
		anonymous("senegal").documentName("HsCodeLookup").variable("query", "cafe").execute()
			.path("hsCodes[*].code").entityList(String.class).contains("0901");
		anonymous("senegal").documentName("HsCodeLookup").variable("query", "0801").execute()
			.path("hsCodes[0].code").entity(String.class).isEqualTo("0801");
	}

}
