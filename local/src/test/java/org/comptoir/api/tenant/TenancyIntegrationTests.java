package org.comptoir.api.tenant;

import java.util.List;
import java.util.Map;

import org.comptoir.api.support.Api;
import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class TenancyIntegrationTests {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	@Test
	void portalShellOfTheChamberNamedByHeader() {
		api.chamber("maroc").documentName("PortalShell").execute()
			.path("tenant.slug").entity(String.class).isEqualTo("maroc")
			.path("tenant.country").entity(String.class).isEqualTo("MA")
			.path("tenant.locales").entityList(String.class).containsExactly("fr", "ar")
			.path("tenant.currency").entity(String.class).isEqualTo("MAD")
			.path("tenant.branding.primaryColor").entity(String.class).isEqualTo("#C1272D")
			.path("viewer").valueIsNull();
	}

	@Test
	void portalShellOfTheChamberNamedByHost() {
		HttpGraphQlTester byHost = Api.tester(api.http().mutate()
			.baseUrl("http://localhost:" + port + "/graphql")
			.defaultHeader("Host", "maroc.localhost")
			.build());
		byHost.documentName("PortalShell").execute()
			.path("tenant.slug").entity(String.class).isEqualTo("maroc")
			.path("tenant.name").entity(String.class).satisfies(name -> assertThat(name).contains("Casablanca"));
	}

	@Test
	void networkDirectoryListsTheFourDemoChambersWithoutAChamber() {
		api.anonymous().documentName("NetworkDirectory").execute()
			.path("tenants[*].slug").entityList(String.class).contains("senegal", "maroc", "rwanda", "france")
			.path("tenants[?(@.slug == 'senegal')].currency").entityList(String.class).containsExactly("XOF")
			.path("tenants[?(@.slug == 'rwanda')].locales").entityList(List.class).containsExactly(List.of("en", "fr", "rw"))
			.path("tenants[?(@.slug == 'rwanda')].kind").entityList(String.class).containsExactly("BUSINESS_ASSOCIATION");
	}

	@Test
	void unknownChamberIsRefusedBeforeExecution() {
		api.http().post().uri("/graphql")
			.header("X-Tenant", "atlantis")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ tenants { slug } }"))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.NOT_FOUND)
			.expectBody()
			.jsonPath("$.errors[0].extensions.code").isEqualTo("TENANT_NOT_FOUND")
			.jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("atlantis"))
			.jsonPath("$.data").doesNotExist();
	}

	@Test
	void unknownChamberSubdomainIsRefused() {
		api.http().post().uri("/graphql")
			.header("Host", "atlantis.localhost")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ tenant { slug } }"))
			.exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("TENANT_NOT_FOUND");
	}

	@Test
	void tenantFieldWithoutAChamberSaysSo() {
		api.anonymous().document("{ tenant { slug } }").execute()
			.errors().satisfy(errors -> {
				assertThat(errors).hasSize(1);
				assertThat(errors.get(0).getExtensions()).containsEntry("code", "TENANT_NOT_FOUND");
			});
	}

	@Test
	void tenantNodeIdResolvesToTheSameChamber() {
		String id = api.chamber("senegal").document("{ tenant { id } }").execute().path("tenant.id").entity(String.class).get();
		assertThat(id).doesNotContain("Tenant").doesNotContain("senegal");
		api.chamber("senegal").documentName("NodeLookup").variable("id", id).execute()
			.path("node.__typename").entity(String.class).isEqualTo("Tenant")
			.path("node.slug").entity(String.class).isEqualTo("senegal");
	}

	@Test
	void malformedNodeIdIsBadUserInput() {
		api.chamber("senegal").documentName("NodeLookup").variable("id", "not-an-id").execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "BAD_USER_INPUT")));
	}

	@Test
	void invalidScalarsAreBadUserInputNamingTheValue() {
		String directory = "query($c: CountryCode!) { members(filter: { country: $c }) { totalCount } }";
		api.chamber("senegal").document(directory).variable("c", "XX").execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
				assertThat(e.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
				assertThat(e.getMessage()).contains("'XX'");
			}));
		String listing = """
				mutation($m: CurrencyCode!) {
				  createListing(input: { kind: OFFER, title: "Cajou", hsCode: "0801", price: { amount: "1", currency: $m } }) {
				    userErrors { code }
				  }
				}""";
		api.chamber("senegal").document(listing).variable("m", "EURO").execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
				assertThat(e.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
				assertThat(e.getMessage()).contains("'EURO'");
			}));
	}

	@Test
	void healthReportsTheDatabase() {
		api.http().get().uri("/actuator/health").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.r2dbc.status").isEqualTo("UP");
	}

	@Test
	void schemaAndGraphiqlAreServed() {
		api.http().get().uri("/graphql/schema").exchange()
			.expectStatus().isOk()
			.expectBody(String.class).value(sdl -> assertThat(sdl).contains("type Tenant implements Node"));
		api.http().get().uri("/graphiql").exchange().expectStatus().is3xxRedirection();
	}

}
