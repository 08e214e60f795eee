package org.comptoir.api.member;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.MailServer;
import org.comptoir.api.support.RequiredActions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class StaffAndTierIntegrationTests extends Chambers {

	private static final String INVITE = """
			mutation($input: InviteMemberUserInput!) {
			  inviteMemberUser(input: $input) { userId email initialPassword userErrors { code } }
			}""";

	@Test
	void ownerInvitesAColleagueWhoActsForTheCompany() {
		String email = "buyer-" + UUID.randomUUID().toString().substring(0, 6) + "@argan.test";
		as("owner", "maroc").document(INVITE).variable("input", Map.of("email", email, "firstName", "Salma"))
			.execute()
			.path("inviteMemberUser.userErrors").entityList(Object.class).hasSize(0);
		// the company's users hear of it (the notices' outbox), beside Keycloak's own invitation email to the colleague
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> as("owner", "maroc")
			.document("{ viewer { notifications(first: 20) { edges { node { kind title } } } } }").execute()
			.path("viewer.notifications.edges[*].node.title").entityList(String.class).get().stream().anyMatch(title -> title.contains(email)));
		// the colleague chooses a password through Keycloak's email (the first to arrive: sent before the link is written)
		String password = "Chosen-" + UUID.randomUUID();
		RequiredActions.choosePassword(MailServer.actionLink(MailServer.await(email, Duration.ofSeconds(30))), password);
		String company = as("owner", "maroc").document("{ viewer { member { id } } }").execute()
			.path("viewer.member.id").entity(String.class).get();

		String token = tokens().password("maroc", email, password);
		api().as("maroc", token).document("{ viewer { user { email roles } member { id } } }").execute()
			.path("viewer.user.roles").entityList(String.class).contains("member")
			.path("viewer.member.id").entity(String.class).isEqualTo(company);

		// the same email again: the same answer as a new address (nothing tells who has an account), no second account
		as("owner", "maroc").document(INVITE).variable("input", Map.of("email", email)).execute()
			.path("inviteMemberUser.userErrors").entityList(Object.class).hasSize(0)
			.path("inviteMemberUser.userId").valueIsNull();
		api().as("maroc", token).document("{ viewer { member { id } } }").execute()
			.path("viewer.member.id").entity(String.class).isEqualTo(company);
	}

	@Test
	void onlyOwnersInvite() {
		as("admin", "maroc").document(INVITE).variable("input", Map.of("email", "x@y.test")).execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
		as("owner", "maroc").document(INVITE).variable("input", Map.of("email", "not-an-email")).execute()
			.path("inviteMemberUser.userErrors[0].code").entity(String.class).isEqualTo("INVALID_EMAIL");
	}

	@Test
	void adminsSetTheTierAndTheLogKeepsIt() {
		String id = as("admin", "senegal").documentName("MemberDirectory").variable("query", "Anacarde").execute()
			.path("members.edges[0].node.id").entity(String.class).get();
		String mutation = """
				mutation($input: SetMemberTierInput!) { setMemberTier(input: $input) { member { tier } userErrors { code } } }""";
		as("admin", "senegal").document(mutation).variable("input", Map.of("memberId", id, "tier", "FREE", "reason", "unpaid"))
			.execute().path("setMemberTier.member.tier").entity(String.class).isEqualTo("FREE");
		as("admin", "senegal").document(mutation).variable("input", Map.of("memberId", id, "tier", "PREMIUM", "reason", "paid"))
			.execute().path("setMemberTier.member.tier").entity(String.class).isEqualTo("PREMIUM");
		as("admin", "senegal").document("query($id: ID) { memberReviews(memberId: $id) { decision reason } }").variable("id", id)
			.execute().path("memberReviews[0].reason").entity(String.class).isEqualTo("paid");
		as("owner", "senegal").document(mutation).variable("input", Map.of("memberId", id, "tier", "PREMIUM")).execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
	}

}
