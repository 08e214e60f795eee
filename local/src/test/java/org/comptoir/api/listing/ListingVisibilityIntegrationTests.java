package org.comptoir.api.listing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.comptoir.local.LocalPostgres;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.support.FreshCompanies;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.Postgres;
import org.comptoir.tenants.CurrentTenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who reads a listing: a suspended company's listings leave the network even by id, and MEMBERS
 * listings are for the signed-in users of the chamber's ACTIVE companies (and its admins) only,
 * through every road (by id, node, federation entities, search, matches) and in the database itself.
 */
@IntegrationTest
class ListingVisibilityIntegrationTests extends FreshCompanies {

	@Autowired
	Environment environment;

	static final UUID SENEGAL = CurrentTenant.idOfDefinedChamber("senegal");

	static final UUID MAROC = CurrentTenant.idOfDefinedChamber("maroc");

	private static final String BY_ID = "query($id: ID!) { listing(id: $id) { id } }";

	private static final String SEARCH = """
			query($filter: ListingFilter) { listings(filter: $filter, sort: NEWEST, first: 100) { edges { node { id } } } }""";

	private static final String ENTITIES = """
			query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Listing { id } } }""";

	@Autowired
	LocalPostgres postgres;


	private static boolean seen(HttpGraphQlTester tester, String id) {
		Object listing = tester.document(BY_ID).variable("id", id).execute().returnResponse().getData();
		return ((Map<?, ?>) listing).get("listing") != null;
	}

	private static boolean searched(HttpGraphQlTester tester, String id, String scope, String hsCode) {
		return tester.document(SEARCH).variable("filter", Map.of("scope", scope, "hsCodePrefixes", List.of(hsCode))).execute()
			.path("listings.edges[*].node.id").entityList(String.class).get().contains(id);
	}

	/** Rows of the listing the application role reads, as row-level security lets it, with these settings. */
	private int rowsAs(UUID chamber, String members, UUID listingId) throws SQLException {
		try (Connection app = Postgres.asApplication(postgres, environment)) {
			app.setAutoCommit(false);
			try (PreparedStatement set = app.prepareStatement(
					"SELECT set_config('app.tenant_id', ?, true), set_config('app.members', ?, true)")) {
				set.setString(1, chamber.toString());
				set.setString(2, members);
				set.execute();
			}
			try (PreparedStatement count = app.prepareStatement("""
					SELECT (SELECT count(*) FROM listing WHERE listing_id = ?) + (SELECT count(*) FROM listing_translation WHERE listing_id = ?)""")) {
				count.setObject(1, listingId);
				count.setObject(2, listingId);
				try (ResultSet rs = count.executeQuery()) {
					rs.next();
					return rs.getInt(1);
				}
			}
			finally {
				app.rollback();
			}
		}
	}

	@Test
	void aSuspendedCompanysListingsLeaveTheNetworkAndItsPortalEvenById() throws SQLException {
		Company company = company("senegal", "APPROVE");
		String network = listing(company, "OFFER", "1801", "NETWORK");
		String chamber = listing(company, "OFFER", "1801", "CHAMBER");
		assertThat(seen(anonymous("maroc"), network)).isTrue();
		assertThat(seen(anonymous("senegal"), chamber)).isTrue();
		UUID networkId = GlobalId.decode(network).orElseThrow().localId();
		assertThat(rowsAs(MAROC, "off", networkId)).isEqualTo(2);

		decide(company, "SUSPEND");

		assertThat(seen(anonymous("maroc"), network)).isFalse();
		assertThat(seen(as("owner", "maroc"), network)).isFalse();
		assertThat(seen(anonymous("senegal"), network)).isFalse();
		assertThat(seen(anonymous("senegal"), chamber)).isFalse();
		anonymous("maroc").documentName("NodeLookup").variable("id", network).execute().path("node").valueIsNull();
		// below the API too: another chamber reads neither the row nor its translations
		assertThat(rowsAs(MAROC, "off", networkId)).isZero();
		// the company's own users and the chamber's admins still see them
		assertThat(seen(as(company), chamber)).isTrue();
		assertThat(seen(as("admin", "senegal"), network)).isTrue();

		decide(company, "REINSTATE");
		assertThat(seen(anonymous("maroc"), network)).isTrue();
	}

	@Test
	void membersListingsAreReadBySignedInUsersOfActiveCompaniesOfTheChamberOnly() throws SQLException {
		Company author = company("senegal", "APPROVE");
		String members = listing(author, "OFFER", "0901", "MEMBERS");

		// readers: an ACTIVE company's user of the chamber, its admins, the author
		for (HttpGraphQlTester reader : List.of(as("owner", "senegal"), as("admin", "senegal"), as(author))) {
			assertThat(seen(reader, members)).isTrue();
			assertThat(searched(reader, members, "CHAMBER", "0901")).isTrue();
		}
		assertThat(searched(as("owner", "senegal"), members, "NETWORK", "0901")).isTrue();
		// not readers: anonymous visitors of the portal, a user with no company, a PENDING company's,
		// another chamber's users and visitors
		List<HttpGraphQlTester> outsiders = List.of(anonymous("senegal"), as(user("senegal")), as(company("senegal")),
				as("owner", "maroc"), anonymous("maroc"));
		for (HttpGraphQlTester outsider : outsiders) {
			assertThat(seen(outsider, members)).isFalse();
			outsider.documentName("NodeLookup").variable("id", members).execute().path("node").valueIsNull();
			assertThat(searched(outsider, members, "CHAMBER", "0901")).isFalse();
			assertThat(searched(outsider, members, "NETWORK", "0901")).isFalse();
		}
		anonymous("senegal").document(ENTITIES).variable("reps", List.of(Map.of("__typename", "Listing", "id", members))).execute()
			.errors().satisfy(errors -> assertThat(errors).isNotEmpty())
			.path("_entities[0]").valueIsNull();
		as("owner", "senegal").document(ENTITIES).variable("reps", List.of(Map.of("__typename", "Listing", "id", members))).execute()
			.path("_entities[0].id").entity(String.class).isEqualTo(members);

		// matches: a request of the chamber finds the members' offer for members only
		Company buyer = company("senegal", "APPROVE");
		String request = listing(buyer, "REQUEST", "0901", "CHAMBER");
		assertThat(anonymous("senegal").documentName("ListingMatches").variable("id", request).execute()
			.path("listing.matches.edges[*].node.id").entityList(String.class).get()).doesNotContain(members);
		assertThat(as("owner", "senegal").documentName("ListingMatches").variable("id", request).execute()
			.path("listing.matches.edges[*].node.id").entityList(String.class).get()).contains(members);

		// the second wall: without app.members the chamber's own transactions read neither row nor translations
		UUID id = GlobalId.decode(members).orElseThrow().localId();
		assertThat(rowsAs(SENEGAL, "off", id)).isZero();
		assertThat(rowsAs(SENEGAL, "on", id)).isEqualTo(2);
		assertThat(rowsAs(MAROC, "on", id)).isZero();
	}

}
