package org.comptoir.api.federation;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.NodeTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comptoir in a federated graph: an Apollo gateway (src/test/node/federation) composes the live
 * {@code _service} SDL with a second subgraph that extends Member and Tenant, and the queries below
 * cross both with the client's real headers (X-Tenant, a Keycloak token) passed on by the gateway.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederationGatewayIntegrationTests extends Chambers {

	@Value("${comptoir.federation.router-secret}")
	String routerSecret;

	private NodeTools.Started gateway;

	private URI gatewayUrl;

	private String ownersCompany;

	/** Not ACTIVE, so visible to its own chamber's admins only. */
	private String marocPending;

	@BeforeAll
	void startGateway() {
		ownersCompany = as("owner", "senegal").document("{ viewer { member { id } } }").execute()
			.path("viewer.member.id").entity(String.class).get();
		marocPending = as("admin", "maroc").documentName("MemberDirectory").variable("first", 1)
			.variable("filter", Map.of("statuses", List.of("PENDING"))).execute()
			.path("members.edges[0].node.id").entity(String.class).get();
		String senegal = anonymous("senegal").document("{ tenant { id } }").execute().path("tenant.id").entity(String.class).get();
		gateway = NodeTools.start(Duration.ofSeconds(60), line -> line.startsWith("READY ") || line.startsWith("COMPOSITION ERROR"),
				"federation/gateway.mjs", "http://localhost:" + port + "/graphql", ownersCompany + "," + marocPending, senegal,
				routerSecret);
		assertThat(gateway.readyLine()).as(gateway.output()).startsWith("READY ");
		gatewayUrl = URI.create(gateway.readyLine().substring("READY ".length()));
	}

	@AfterAll
	void stopGateway() {
		if (gateway != null) {
			gateway.close();
		}
	}

	private HttpGraphQlTester router(String slug, String token) {
		HttpGraphQlTester.Builder<?> builder = HttpGraphQlTester.builder(
				WebTestClient.bindToServer().baseUrl(gatewayUrl.toString()).responseTimeout(Duration.ofSeconds(30)));
		if (slug != null) {
			builder.header("X-Tenant", slug);
		}
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder.build();
	}

	@Test
	void queriesCrossBothSubgraphsWithTheClientsHeadersPassedOn() {
		router("senegal", token("senegal", "owner@senegal.test"))
			.document("""
					{ viewer { user { email } member { id name tenant { slug }
					    tradeEvents { name exhibitors { id } } seenHeaders { tenant authorization } } } }""")
			.execute()
			.path("viewer.user.email").entity(String.class).isEqualTo("owner@senegal.test")
			.path("viewer.member.id").entity(String.class).isEqualTo(ownersCompany)
			.path("viewer.member.tenant.slug").entity(String.class).isEqualTo("senegal")
			.path("viewer.member.tradeEvents[*].name").entityList(String.class)
			.containsExactly("Foire internationale de Dakar", "Salon de l'anacarde")
			.path("viewer.member.seenHeaders.tenant").entity(String.class).isEqualTo("senegal")
			.path("viewer.member.seenHeaders.authorization").entity(Boolean.class).isEqualTo(true);
	}

	@Test
	void aMemberTheCallerMayNotSeeComesBackNullWithACodedErrorThroughTheRouter() {
		router("senegal", null).document("query($ids: [ID!]!) { exhibitors(ids: $ids) { id name tenant { slug } } }")
			.variable("ids", List.of(ownersCompany, marocPending))
			.execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getPath()).isEqualTo("exhibitors[1]");
				assertThat(error.getExtensions()).containsEntry("code", "NOT_FOUND");
			}))
			.path("exhibitors[0].tenant.slug").entity(String.class).isEqualTo("senegal")
			.path("exhibitors[1]").valueIsNull();

		// the same pending company, asked for by its own chamber's admin with a real token
		router("maroc", token("maroc", "admin@maroc.test"))
			.document("query($ids: [ID!]!) { exhibitors(ids: $ids) { id status tenant { slug } } }")
			.variable("ids", List.of(marocPending))
			.execute()
			.path("exhibitors[0].status").entity(String.class).isEqualTo("PENDING")
			.path("exhibitors[0].tenant.slug").entity(String.class).isEqualTo("maroc");
	}

	@Test
	void anotherChambersNetworkListingCrossesButItsChamberOnlyListingDoesNot() {
		// maroc's own listings: a network page also holds the other chambers' newest NETWORK listings
		String listings = "{ listings(first: 100, filter: { scope: CHAMBER }) { edges { node { id visibility originCountry } } } }";
		String network = anonymous("maroc").document(listings).execute()
			.path("listings.edges[?(@.node.visibility == 'NETWORK' && @.node.originCountry)].node.id")
			.entityList(String.class).get().get(0);
		String chamberOnly = anonymous("maroc").document(listings).execute()
			.path("listings.edges[?(@.node.visibility == 'CHAMBER')].node.id").entityList(String.class).get().get(0);

		router("senegal", null).document("""
				query($ids: [ID!]!) { showcase(ids: $ids) { id visibility originCountry freightToDakar member { tenant { slug } } } }""")
			.variable("ids", List.of(network, chamberOnly))
			.execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getPath()).isEqualTo("showcase[1]");
				assertThat(error.getExtensions()).containsEntry("code", "NOT_FOUND");
			}))
			.path("showcase[0].id").entity(String.class).isEqualTo(network)
			.path("showcase[0].member.tenant.slug").entity(String.class).isEqualTo("maroc")
			.path("showcase[0].freightToDakar").entity(String.class).satisfies(freight -> assertThat(freight).endsWith(" to SN by sea"))
			.path("showcase[1]").valueIsNull();

		router("maroc", null).document("query($ids: [ID!]!) { showcase(ids: $ids) { id visibility } }")
			.variable("ids", List.of(chamberOnly))
			.execute()
			.path("showcase[0].visibility").entity(String.class).isEqualTo("CHAMBER");
	}

	@Test
	void chambersResolveWithNoChamberNamedButMembersDoNot() {
		router(null, null).document("{ tenants { slug hostedEvents { name } } }").execute()
			.path("tenants[?(@.slug == 'senegal')].hostedEvents[*].name").entityList(String.class)
			.contains("Foire internationale de Dakar")
			.path("tenants[?(@.slug == 'maroc')].hostedEvents[*]").entityList(Object.class).hasSize(0);

		router(null, null).document("query($ids: [ID!]!) { exhibitors(ids: $ids) { name } }")
			.variable("ids", List.of(ownersCompany))
			.execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "TENANT_NOT_FOUND")))
			.path("exhibitors[0]").valueIsNull();
	}

	@Test
	void aTokenFromAnotherChambersRealmIsRefusedThroughTheRouterToo() {
		// Comptoir refuses the whole subgraph request (403, TENANT_MISMATCH); the gateway reports it as FORBIDDEN
		// and keeps Comptoir's answer in extensions.response
		router("maroc", token("senegal", "owner@senegal.test")).document("{ viewer { user { email } } }").execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN");
				assertThat(error.getExtensions().get("response").toString()).contains("status=403", "code=TENANT_MISMATCH");
			}))
			.path("viewer").valueIsNull();
	}

}
