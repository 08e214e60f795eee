package org.comptoir.api.matchmaking;

import java.util.Map;

import org.comptoir.api.support.FreshCompanies;
import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact shows the other company's profile to the two companies of the request, not to every
 * company (or visitor) of the requester's chamber.
 */
@IntegrationTest
class ContactScopeIntegrationTests extends FreshCompanies {

	private static boolean profileSeen(org.springframework.graphql.test.tester.HttpGraphQlTester tester, String id) {
		Map<?, ?> data = tester.document("query($id: ID!) { member(id: $id) { id } }").variable("id", id).execute()
			.returnResponse().getData();
		return data.get("member") != null;
	}

	@Test
	void aContactShowsTheOtherCompanyToTheTwoCompaniesOnly() {
		Company seller = company("senegal", "APPROVE");
		String offer = listing(seller, "OFFER", "5201", "NETWORK");
		Company asker = company("maroc", "APPROVE");
		Company neighbour = company("maroc", "APPROVE");
		as(asker).documentName("RequestContact").variable("input", Map.of("listingId", offer, "message", "Bonjour, du coton ?"))
			.execute().path("requestContact.userErrors").entityList(Object.class).hasSize(0);
		// the seller leaves the network: only the contact shows it to maroc now
		as(seller).documentName("CloseListing").variable("input", Map.of("listingId", offer)).execute()
			.path("closeListing.listing.status").entity(String.class).isEqualTo("CLOSED");

		assertThat(profileSeen(as(asker), seller.id())).isTrue();
		assertThat(profileSeen(as(neighbour), seller.id())).isFalse();
		assertThat(profileSeen(anonymous("maroc"), seller.id())).isFalse();
		assertThat(profileSeen(as("owner", "maroc"), seller.id())).isFalse();
		as(neighbour).documentName("RequestContact").variable("input", Map.of("memberId", seller.id(), "message", "Et moi ?"))
			.execute().path("requestContact.userErrors[0].code").entity(String.class).isEqualTo("MEMBER_NOT_FOUND");
		// and the seller's side sees the asker
		assertThat(profileSeen(as(seller), asker.id())).isTrue();
		assertThat(profileSeen(as("owner", "senegal"), asker.id())).isFalse();
	}

}
