package org.comptoir.api.identity;

import org.comptoir.local.LocalServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.MailServer;
import org.comptoir.api.support.RequiredActions;
import org.comptoir.local.keycloak.DemoUsers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens of the real local Keycloak: which the API trusts, for which chamber. */
@IntegrationTest
class IdentityIntegrationTests extends Chambers {

	private WebTestClient.ResponseSpec post(String token, String tenant, String query) {
		WebTestClient.RequestBodySpec request = api().http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (tenant != null) {
			request.header("X-Tenant", tenant);
		}
		return request.bodyValue(Map.of("query", query)).exchange();
	}

	@Test
	void viewerIsTheTokensUserInTheirChamber() {
		as("owner", "senegal").documentName("PortalShell").execute()
			.path("tenant.slug").entity(String.class).isEqualTo("senegal")
			.path("viewer.user.id").entity(String.class).isEqualTo(DemoUsers.idOf("owner@senegal.test").toString())
			.path("viewer.user.email").entity(String.class).isEqualTo("owner@senegal.test")
			.path("viewer.user.roles").entityList(String.class).contains("member")
			.path("viewer.member.status").entity(String.class).isEqualTo("ACTIVE")
			.path("viewer.member.tier").entity(String.class).isEqualTo("PREMIUM")
			.path("viewer.member.verified").entity(Boolean.class).isEqualTo(true);
		as("admin", "maroc").document("{ viewer { user { roles } tenant { slug } member { id } } }").execute()
			.path("viewer.user.roles").entityList(String.class).contains("chamber-admin")
			.path("viewer.tenant.slug").entity(String.class).isEqualTo("maroc")
			.path("viewer.member").valueIsNull();
	}

	@Test
	void withoutHeaderOrHostTheTokensRealmNamesTheChamber() {
		api().as(null, token("rwanda", "newcomer@rwanda.test")).document("{ tenant { slug } viewer { user { email } } }").execute()
			.path("tenant.slug").entity(String.class).isEqualTo("rwanda")
			.path("viewer.user.email").entity(String.class).isEqualTo("newcomer@rwanda.test");
	}

	@Test
	void tokenOfAnotherChamberIsRefusedWithTenantMismatch() {
		post(token("senegal", "owner@senegal.test"), "maroc", "{ tenant { slug } }")
			.expectStatus().isForbidden()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code").isEqualTo("TENANT_MISMATCH")
			.jsonPath("$.data").doesNotExist();
	}

	@Test
	void platformTokenWithAChamberHeaderIsRefused() {
		post(token("platform", "platform@comptoir.test"), "senegal", "{ tenant { slug } }")
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("TENANT_MISMATCH");
	}

	@Test
	void tokenFromTheMasterRealmIsNeverTrusted() {
		String master = tokens().password("master", "admin-cli", LocalServices.keycloak().settings().adminUser(), LocalServices.keycloak().settings().adminPassword());
		assertThat(master).isNotBlank();
		post(master, "senegal", "{ tenant { slug } }")
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void tokenSignedByAnUnknownKeyIsRefused() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("forged").generate();
		String forged = sign(key, identity.baseUrl() + "/realms/senegal", Instant.now().plusSeconds(300));
		post(forged, "senegal", "{ viewer { user { id } } }")
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void expiredTokenIsRefused() throws Exception {
		// a real Keycloak token, with its expiry moved into the past: the signature no longer matches
		// either, so also sign one ourselves with the realm's issuer and an expiry in the past.
		String real = token("senegal", "owner@senegal.test");
		String[] parts = real.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replaceFirst("\"exp\":\\d+", "\"exp\":" + (Instant.now().getEpochSecond() - 3600));
		String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
		post(tampered, "senegal", "{ viewer { user { id } } }").expectStatus().isUnauthorized();
		RSAKey key = new RSAKeyGenerator(2048).keyID("old").generate();
		post(sign(key, identity.baseUrl() + "/realms/senegal", Instant.now().minusSeconds(3600)), "senegal", "{ tenant { slug } }")
			.expectStatus().isUnauthorized();
	}

	@Test
	void anonymousViewerIsNull() {
		anonymous("france").documentName("PortalShell").execute()
			.path("tenant.slug").entity(String.class).isEqualTo("france")
			.path("viewer").valueIsNull();
	}

	@Test
	void platformAdminOpensAChamberWhoseAdminSignsInOnceTheyChoseAPassword() {
		String slug = "test-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> input = Map.of("slug", slug, "name", "Chambre de commerce de Lomé", "kind", "CHAMBER_OF_COMMERCE",
				"country", "TG", "defaultLocale", "fr", "locales", List.of("fr", "en"), "currency", "XOF",
				"adminEmail", "admin@" + slug + ".test");
		api().as(null, token("platform", "platform@comptoir.test"))
			.document("""
					mutation($input: CreateTenantInput!) {
					  createTenant(input: $input) { tenant { slug country currency locales } adminInitialPassword userErrors { code } }
					}""")
			.variable("input", input)
			.execute()
			.path("createTenant.userErrors").entityList(Object.class).hasSize(0)
			.path("createTenant.tenant.slug").entity(String.class).isEqualTo(slug)
			.path("createTenant.tenant.currency").entity(String.class).isEqualTo("XOF");

		// the first admin chooses a password through Keycloak's email, on the new realm's own pages
		String password = "Chosen-" + UUID.randomUUID();
		String link = MailServer.actionLink(MailServer.await("admin@" + slug + ".test", Duration.ofSeconds(30)));
		assertThat(link).contains("/realms/" + slug + "/login-actions/action-token?key=");
		RequiredActions.choosePassword(link, password);

		String adminToken = tokens().password(slug, "admin@" + slug + ".test", password);
		api().as(slug, adminToken).document("{ tenant { slug name } viewer { user { email roles } } }").execute()
			.path("tenant.slug").entity(String.class).isEqualTo(slug)
			.path("viewer.user.email").entity(String.class).isEqualTo("admin@" + slug + ".test")
			.path("viewer.user.roles").entityList(String.class).contains("chamber-admin");

		api().anonymous().documentName("NetworkDirectory").execute()
			.path("tenants[*].slug").entityList(String.class).contains(slug);

		// the same slug again: a user error, and the first chamber is untouched
		api().as(null, token("platform", "platform@comptoir.test")).documentName("CreateTenant").variable("input", input).execute()
			.path("createTenant.tenant").valueIsNull()
			.path("createTenant.userErrors[0].code").entity(String.class).isEqualTo("SLUG_TAKEN");
		api().as(slug, adminToken).document("{ tenant { slug } }").execute()
			.path("tenant.slug").entity(String.class).isEqualTo(slug);
	}

	@Test
	void chamberAdminCannotOpenAChamber() {
		api().as(null, token("maroc", "admin@maroc.test")).documentName("CreateTenant")
			.variable("input", Map.of("slug", "nope-chamber", "name", "Nope", "kind", "CHAMBER_OF_COMMERCE", "country", "MA",
					"defaultLocale", "fr", "locales", List.of("fr"), "currency", "MAD", "adminEmail", "a@nope.test"))
			.execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
		api().anonymous().documentName("NetworkDirectory").execute()
			.path("tenants[*].slug").entityList(String.class).doesNotContain("nope-chamber");
	}

	private static String sign(RSAKey key, String issuer, Instant expiry) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
				new JWTClaimsSet.Builder().issuer(issuer).subject(UUID.randomUUID().toString()).audience("comptoir-api")
					.expirationTime(Date.from(expiry)).issueTime(Date.from(expiry.minusSeconds(600)))
					.claim("realm_access", Map.of("roles", List.of("chamber-admin"))).build());
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
