package org.comptoir.keycloak;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.util.JsonSerialization;

import static org.assertj.core.api.Assertions.assertThat;

class RealmTemplateTests {

	private static final ChamberRealm SENEGAL = new ChamberRealm("senegal", "Comptoir Dakar", "fr", List.of("fr"));

	private static final ChamberRealm RWANDA = new ChamberRealm("rwanda", "Comptoir Kigali", "en",
			List.of("en", "fr", "rw"));

	private final RealmTemplate development = RealmTemplate.development();

	private final RealmTemplate production = new RealmTemplate(
			RealmTemplate.Options.production(List.of("https://{realm}.comptoir.example/*")));

	@Test
	void chamberRealmIsNamedAfterTheSlugAndHasChamberAdminAndMemberRoles() {
		RealmRepresentation realm = this.development.chamberRealm(SENEGAL);

		assertThat(realm.getRealm()).isEqualTo("senegal");
		assertThat(realm.getDisplayName()).isEqualTo("Comptoir Dakar");
		assertThat(realm.isEnabled()).isTrue();
		assertThat(realm.getRoles().getRealm()).extracting(RoleRepresentation::getName)
			.containsExactlyInAnyOrder("chamber-admin", "member");
		assertThat(realm.getUsers()).isNullOrEmpty();
	}

	@Test
	void realmsSendTheirEmailThroughTheConfiguredServer() {
		RealmTemplate withMail = new RealmTemplate(RealmTemplate.Options.production(List.of("https://{realm}.comptoir.example/*"))
			.withSmtp(new RealmTemplate.Smtp("smtp.example", 587, "no-reply@comptoir.example", true, "mailer", "secret")));
		assertThat(withMail.chamberRealm(SENEGAL).getSmtpServer()).containsEntry("host", "smtp.example")
			.containsEntry("port", "587").containsEntry("from", "no-reply@comptoir.example").containsEntry("starttls", "true")
			.containsEntry("auth", "true").containsEntry("user", "mailer").containsEntry("password", "secret");
		assertThat(this.production.chamberRealm(SENEGAL).getSmtpServer()).isNullOrEmpty();
	}

	@Test
	void provisioningClientIsConfidentialWithItsServiceAccountOnly() {
		ClientRepresentation client = RealmTemplate.provisioningClient("comptoir-provisioner");
		assertThat(client.isPublicClient()).isFalse();
		assertThat(client.isServiceAccountsEnabled()).isTrue();
		assertThat(client.isStandardFlowEnabled()).isFalse();
		assertThat(client.isImplicitFlowEnabled()).isFalse();
		assertThat(client.isDirectAccessGrantsEnabled()).isFalse();
	}

	@Test
	void portalClientIsPublicWithAuthorizationCodeAndPkceS256() {
		ClientRepresentation portal = portal(this.production.chamberRealm(SENEGAL));

		assertThat(portal.isPublicClient()).isTrue();
		assertThat(portal.isStandardFlowEnabled()).isTrue();
		assertThat(portal.isImplicitFlowEnabled()).isFalse();
		assertThat(portal.isServiceAccountsEnabled()).isFalse();
		assertThat(portal.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
	}

	@Test
	void passwordGrantIsAllowedOnlyInDevelopment() {
		assertThat(portal(this.development.chamberRealm(SENEGAL)).isDirectAccessGrantsEnabled()).isTrue();
		assertThat(portal(this.development.platformRealm()).isDirectAccessGrantsEnabled()).isTrue();
		assertThat(portal(this.production.chamberRealm(SENEGAL)).isDirectAccessGrantsEnabled()).isFalse();
		assertThat(portal(this.production.platformRealm()).isDirectAccessGrantsEnabled()).isFalse();
	}

	@Test
	void accessTokensCarryTheApiAudience() {
		ProtocolMapperRepresentation mapper = portal(this.production.chamberRealm(SENEGAL)).getProtocolMappers()
			.stream()
			.filter(each -> each.getProtocolMapper().equals("oidc-audience-mapper"))
			.findFirst()
			.orElseThrow();

		assertThat(mapper.getProtocol()).isEqualTo("openid-connect");
		assertThat(mapper.getConfig()).containsEntry("included.custom.audience", "comptoir-api")
			.containsEntry("access.token.claim", "true");
	}

	@Test
	void portalTokensGetSubjectEmailNameAndRealmRolesFromDefaultScopes() {
		assertThat(portal(this.development.chamberRealm(SENEGAL)).getDefaultClientScopes())
			.contains("basic", "profile", "email", "roles", "web-origins");
	}

	@Test
	void redirectUrisNameTheRealmBecauseKeycloakHasNoHostWildcards() {
		ClientRepresentation dev = portal(this.development.chamberRealm(SENEGAL));
		assertThat(dev.getRedirectUris()).containsExactly("http://localhost:*", "http://127.0.0.1:*",
				"http://senegal.localhost:*", "http://senegal.localhost:8081/*");
		assertThat(dev.getWebOrigins()).containsExactly("*");

		ClientRepresentation prod = portal(this.production.chamberRealm(SENEGAL));
		assertThat(prod.getRedirectUris()).containsExactly("https://senegal.comptoir.example/*");
		assertThat(prod.getWebOrigins()).containsExactly("+");
	}

	@Test
	void chamberAndPlatformRealmsSignInOnTheComptoirThemeWithTheirNameAndLogoInTheHeader() {
		RealmRepresentation senegal = this.production.chamberRealm(SENEGAL);
		RealmRepresentation platform = this.development.platformRealm();

		assertThat(senegal.getLoginTheme()).isEqualTo("comptoir");
		assertThat(platform.getLoginTheme()).isEqualTo("comptoir");
		assertThat(senegal.getAccountTheme()).isNull();
		assertThat(senegal.getEmailTheme()).isNull();
		assertThat(senegal.getDisplayNameHtml())
			.isEqualTo("<span class=\"brand-logo\"></span><span class=\"brand-name\">Comptoir Dakar</span>");
		assertThat(platform.getDisplayNameHtml()).contains("class=\"brand-logo\"").contains(">Comptoir</span>");
	}

	@Test
	void theHeaderEscapesTheChambersName() {
		assertThat(RealmTemplate.displayNameHtml("Café <b>& Co</b> l'Atlas"))
			.endsWith("<span class=\"brand-name\">Café &lt;b&gt;&amp; Co&lt;/b&gt; l&#39;Atlas</span>");
	}

	@Test
	void portalClientsBaseUrlIsTheRealmsPortalOnPort8081InDevelopment() {
		ClientRepresentation senegal = portal(this.development.chamberRealm(SENEGAL));
		ClientRepresentation platform = portal(this.development.platformRealm());

		assertThat(senegal.getRootUrl()).isEqualTo("http://senegal.localhost:8081");
		assertThat(senegal.getBaseUrl()).isEqualTo("/");
		assertThat(platform.getRootUrl()).isEqualTo("http://platform.localhost:8081");
		// signing in from the portal, and back to it after logout ("+": the redirect URIs)
		assertThat(senegal.getRedirectUris()).contains("http://senegal.localhost:*");
		assertThat(senegal.getAttributes()).containsEntry("post.logout.redirect.uris", "+");
	}

	@Test
	void productionPortalUrlIsConfiguredAndBecomesARedirectUri() {
		RealmTemplate configured = new RealmTemplate(RealmTemplate.Options.production(List.of())
			.withPortalUrl("https://{realm}.comptoir.example/"));

		ClientRepresentation portal = portal(configured.chamberRealm(SENEGAL));

		assertThat(portal.getRootUrl()).isEqualTo("https://senegal.comptoir.example");
		assertThat(portal.getBaseUrl()).isEqualTo("/");
		assertThat(portal.getRedirectUris()).containsExactly("https://senegal.comptoir.example/*");
		assertThat(portal.getWebOrigins()).containsExactly("+");
		assertThat(portal(this.production.chamberRealm(SENEGAL)).getRootUrl()).isNull();
		assertThat(portal(this.production.chamberRealm(SENEGAL)).getBaseUrl()).isNull();
	}

	@Test
	void chamberOriginsBecomeRedirectUrisAndWebOrigins() {
		ChamberRealm custom = new ChamberRealm("senegal", "Comptoir Dakar", "fr", List.of("fr"),
				List.of("https://portal.cci-dakar.sn/"));

		ClientRepresentation portal = portal(this.production.chamberRealm(custom));

		assertThat(portal.getRedirectUris()).contains("https://portal.cci-dakar.sn/*");
		assertThat(portal.getWebOrigins()).contains("https://portal.cci-dakar.sn");
	}

	@Test
	void localesWithoutKeycloakTranslationsAreLeftOut() {
		RealmRepresentation rwanda = this.development.chamberRealm(RWANDA);

		assertThat(rwanda.isInternationalizationEnabled()).isTrue();
		assertThat(rwanda.getSupportedLocales()).containsExactly("en", "fr");
		assertThat(rwanda.getDefaultLocale()).isEqualTo("en");
	}

	@Test
	void unsupportedDefaultLocaleFallsBackToASupportedOne() {
		RealmRepresentation realm = this.development
			.chamberRealm(new ChamberRealm("kigali", "Kigali", "rw", List.of("rw", "fr")));
		assertThat(realm.getDefaultLocale()).isEqualTo("fr");

		RealmRepresentation none = this.development.chamberRealm(new ChamberRealm("x", "X", "rw", List.of("rw")));
		assertThat(none.getSupportedLocales()).containsExactly("en");
		assertThat(none.getDefaultLocale()).isEqualTo("en");
	}

	@Test
	void provisionedRealmsHaveAPasswordPolicyAndBruteForceProtection() {
		RealmRepresentation realm = this.production.chamberRealm(SENEGAL);

		assertThat(realm.getPasswordPolicy()).contains("length(12)").contains("notUsername").contains("notEmail");
		assertThat(realm.isBruteForceProtected()).isTrue();
		assertThat(realm.isPermanentLockout()).isFalse();
		assertThat(realm.isRegistrationAllowed()).isFalse();
		assertThat(realm.getAccessTokenLifespan()).isEqualTo(300);
		assertThat(this.development.chamberRealm(SENEGAL).isBruteForceProtected()).isTrue();
	}

	@Test
	void platformRealmHasPlatformAdminRoleAndThePortalClient() {
		RealmRepresentation platform = this.development.platformRealm();

		assertThat(platform.getRealm()).isEqualTo("platform");
		assertThat(platform.getRoles().getRealm()).extracting(RoleRepresentation::getName)
			.containsExactly("platform-admin");
		assertThat(portal(platform).getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
		assertThat(portal(platform).getRedirectUris()).contains("http://platform.localhost:*");
	}

	@Test
	void realmSerialisesToImportableJson() throws Exception {
		RealmRepresentation realm = this.development.chamberRealm(RWANDA);

		String json = RealmTemplate.toJson(realm);
		RealmRepresentation read = JsonSerialization.readValue(json, RealmRepresentation.class);

		assertThat(json).doesNotContain("null");
		assertThat(read.getRealm()).isEqualTo("rwanda");
		assertThat(read.getClients()).extracting(ClientRepresentation::getClientId).containsExactly("portal");
		assertThat(read.getSupportedLocales()).containsExactly("en", "fr");
	}

	private static ClientRepresentation portal(RealmRepresentation realm) {
		assertThat(realm.getClients()).hasSize(1);
		ClientRepresentation client = realm.getClients().get(0);
		assertThat(client.getClientId()).isEqualTo("portal");
		return client;
	}

}
