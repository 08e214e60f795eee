package org.comptoir.api.member;

import org.comptoir.local.LocalServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.comptoir.api.support.FreshCompanies;
import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only an ACTIVE company acts (invites, writes messages, answers requests, edits listings and its
 * profile); a PENDING one still prepares its approval; invitations are capped, leave the address
 * unverified and never tell whether it already has an account.
 */
@IntegrationTest
class MemberStatusGatesIntegrationTests extends FreshCompanies {

	private static final String INVITE = """
			mutation($input: InviteMemberUserInput!) {
			  inviteMemberUser(input: $input) { userId email initialPassword userErrors { code } }
			}""";

	private static final String UPDATE_PROFILE = """
			mutation($input: UpdateMemberProfileInput!) { updateMemberProfile(input: $input) { member { city } userErrors { code } } }""";

	private static final String UPDATE_LISTING = """
			mutation($input: UpdateListingInput!) { updateListing(input: $input) { listing { title } userErrors { code } } }""";

	private static void forbidden(GraphQlTester.Response response) {
		response.errors().satisfy(errors -> assertThat(errors).singleElement()
			.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
	}

	private static int version(HttpGraphQlTester tester) {
		return tester.document("{ viewer { member { version } } }").execute().path("viewer.member.version").entity(Integer.class).get();
	}

	private GraphQlTester.Response updateProfile(Company company) {
		return as(company).document(UPDATE_PROFILE)
			.variable("input", Map.of("memberId", company.id(), "version", version(as(company)), "city", "Thiès")).execute();
	}

	private GraphQlTester.Response invite(Company company, String email) {
		return as(company).document(INVITE).variable("input", Map.of("email", email)).execute();
	}

	private static String fresh(String slug) {
		return "inv-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@" + slug + ".test";
	}

	@Test
	void aSuspendedCompanyNoLongerInvitesWritesAnswersOrEditsButStillClosesItsListings() {
		Company asker = company("senegal", "APPROVE");
		Company suspended = company("senegal", "APPROVE");
		Company waiting = company("senegal", "APPROVE");
		String listing = listing(suspended, "OFFER", "0801", "CHAMBER");
		String request = as(asker).documentName("RequestContact")
			.variable("input", Map.of("memberId", suspended.id(), "message", "Bonjour")).execute()
			.path("requestContact.contactRequest.id").entity(String.class).get();
		String conversation = as(suspended).documentName("RespondToContactRequest")
			.variable("input", Map.of("contactRequestId", request, "accept", true)).execute()
			.path("respondToContactRequest.contactRequest.conversation.id").entity(String.class).get();
		String pending = as(waiting).documentName("RequestContact")
			.variable("input", Map.of("memberId", suspended.id(), "message", "Bonjour aussi")).execute()
			.path("requestContact.contactRequest.id").entity(String.class).get();
		int listingVersion = as(suspended).document("query($id: ID!) { listing(id: $id) { version } }").variable("id", listing)
			.execute().path("listing.version").entity(Integer.class).get();

		decide(suspended, "SUSPEND");

		forbidden(as(suspended).documentName("SendMessage").variable("input", Map.of("conversationId", conversation, "body", "Encore moi")).execute());
		forbidden(as(suspended).documentName("RespondToContactRequest").variable("input", Map.of("contactRequestId", pending, "accept", true)).execute());
		forbidden(invite(suspended, fresh("senegal")));
		forbidden(updateProfile(suspended));
		forbidden(as(suspended).document(UPDATE_LISTING)
			.variable("input", Map.of("listingId", listing, "version", listingVersion, "title", "Nouveau titre")).execute());
		// taking its own listing down is always allowed
		as(suspended).documentName("CloseListing").variable("input", Map.of("listingId", listing)).execute()
			.path("closeListing.listing.status").entity(String.class).isEqualTo("CLOSED");
		// the other side still writes
		as(asker).documentName("SendMessage").variable("input", Map.of("conversationId", conversation, "body", "Toujours là ?")).execute()
			.path("sendMessage.userErrors").entityList(Object.class).hasSize(0);
	}

	@Test
	void aRejectedCompanyDoesNothingAndAPendingOnePreparesButDoesNotInvite() {
		Company rejected = company("senegal", "REJECT");
		forbidden(invite(rejected, fresh("senegal")));
		forbidden(updateProfile(rejected));

		Company pending = company("senegal");
		forbidden(invite(pending, fresh("senegal")));
		updateProfile(pending).path("updateMemberProfile.member.city").entity(String.class).isEqualTo("Thiès");
		as(pending).documentName("CreateListing").variable("input", Map.of("kind", "OFFER", "title", "Brouillon de cajou",
				"hsCode", "0801", "publish", false)).execute()
			.path("createListing.listing.status").entity(String.class).isEqualTo("DRAFT");
	}

	@Test
	void anExistingAccountGetsTheSameAnswerAsANewAddressAndIsNotLinked() {
		Company owner = company("senegal", "APPROVE");
		Company other = user("senegal");
		Map<String, Object> existing = invite(owner, other.email()).path("inviteMemberUser").entity(Map.class).get();
		String email = fresh("senegal");
		Map<String, Object> created = invite(owner, email).path("inviteMemberUser").entity(Map.class).get();
		assertThat(existing.get("userErrors")).isEqualTo(List.of());
		assertThat(existing.get("userId")).isNull();
		assertThat(created.get("userErrors")).isEqualTo(List.of());
		assertThat(created.get("userId")).isNull();
		assertThat(created.get("email")).isEqualTo(email);
		assertThat(existing.get("email")).isEqualTo(other.email());
		// the existing account acts for no company, as before
		as(other).document("{ viewer { member { id } } }").execute().path("viewer.member").valueIsNull();
		// the invited address is not taken as verified
		assertThat(emailVerified("senegal", email)).isFalse();
	}

	@Test
	void invitationsAreCappedPerDay() {
		Company owner = company("senegal", "APPROVE");
		for (int i = 0; i < 10; i++) {
			invite(owner, fresh("senegal")).path("inviteMemberUser.userErrors").entityList(Object.class).hasSize(0);
		}
		invite(owner, fresh("senegal")).path("inviteMemberUser.userErrors[0].code").entity(String.class).isEqualTo("QUOTA_EXCEEDED");
	}

	/** Keycloak's own record of the user, through its admin API. */
	private boolean emailVerified(String realm, String email) {
		String admin = tokens().password("master", "admin-cli", LocalServices.keycloak().settings().adminUser(), LocalServices.keycloak().settings().adminPassword());
		List<?> users = WebClient.create(identity.baseUrl()).get()
			.uri(b -> b.path("/admin/realms/{realm}/users").queryParam("email", email).queryParam("exact", true).build(realm))
			.header("Authorization", "Bearer " + admin)
			.retrieve().bodyToMono(List.class).block(Duration.ofSeconds(30));
		assertThat(users).hasSize(1);
		return Boolean.TRUE.equals(((Map<?, ?>) users.get(0)).get("emailVerified"));
	}

}
