package org.comptoir.api.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.ForbiddenException;
import org.comptoir.local.demo.DemoMembers;
import org.comptoir.api.support.AppInstance;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.Deployment;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.MailServer;
import org.comptoir.api.support.RawGraphQl;
import org.comptoir.api.support.RequiredActions;
import org.comptoir.local.keycloak.KeycloakLauncher;
import org.comptoir.keycloak.RealmProvisioner;
import org.comptoir.keycloak.RealmTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Production is the default posture: development (password grant, any origin, localhost redirects, temporary
 * passwords) and demo data only in the local run; unsafe settings refused at start; realms provisioned by a
 * service account holding only create-realm; new accounts get Keycloak's required-actions email, never a
 * password that signs in. Real Keycloak, real SMTP server (GreenMail), real HTTP.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ProductionPostureIntegrationTests extends Chambers {

	private static final String INVITE = """
			mutation($input: InviteMemberUserInput!) {
			  inviteMemberUser(input: $input) { userId email initialPassword userErrors { code } }
			}""";

	private static final String CREATE_TENANT = """
			mutation($input: CreateTenantInput!) {
			  createTenant(input: $input) { tenant { slug } adminInitialPassword userErrors { code } }
			}""";

	@Autowired
	ProvisioningClient provisioningClient;

	@Autowired
	KeycloakLauncher launcher;

	@Test
	void invitedColleagueCannotSignInWithAnyPasswordBeforeChoosingOneThroughTheEmail() {
		String email = "invited-" + UUID.randomUUID().toString().substring(0, 8) + "@argan.test";
		RawGraphQl.Reply reply = owner("maroc").query(INVITE, Map.of("input", Map.of("email", email)));
		assertThat(reply.data("inviteMemberUser.userErrors")).as(reply.text()).isEqualTo(List.of());
		assertThat(reply.data("inviteMemberUser.userId")).as("the same answer whether or not the address had an account").isNull();
		// development (the local run): at most a temporary password, which signs nobody in
		String temporary = (String) reply.data("inviteMemberUser.initialPassword");
		assertThat(temporary).isNotBlank();
		assertThat(passwordGrant("maroc", email, temporary)).as("a temporary password is no way in")
			.startsWith("400").contains("Account is not fully set up");

		String link = MailServer.actionLink(MailServer.await(email, Duration.ofSeconds(30)));
		assertThat(link).startsWith(identity.baseUrl() + "/realms/maroc/login-actions/action-token?key=");
		String userId;
		try (Keycloak admin = bootstrapAdmin()) {
			userId = admin.realm("maroc").users().searchByEmail(email, true).get(0).getId();
			UserRepresentation user = admin.realm("maroc").users().get(userId).toRepresentation();
			assertThat(user.getRequiredActions()).containsExactlyInAnyOrder("UPDATE_PASSWORD", "VERIFY_EMAIL");
			assertThat(user.isEmailVerified()).as("typed in by the owner, not verified").isFalse();
		}

		String chosen = "Chosen-" + UUID.randomUUID();
		String done = RequiredActions.choosePassword(link, chosen);
		try (Keycloak admin = bootstrapAdmin()) {
			assertThat(admin.realm("maroc").users().get(userId).toRepresentation().getRequiredActions()).as(done).isEmpty();
		}
		assertThat(passwordGrant("maroc", email, chosen)).startsWith("200");
		assertThat(passwordGrant("maroc", email, temporary)).startsWith("400").contains("Invalid user credentials");
		try (Keycloak admin = bootstrapAdmin()) {
			assertThat(admin.realm("maroc").users().get(userId).toRepresentation().isEmailVerified()).isTrue();
		}
	}

	@Test
	void aDeploymentReturnsNoPasswordAndOpensLockedDownRealms() {
		try (AppInstance deployed = AppInstance.start(List.of(), Deployment.againstTheRunsKeycloak(identity, provisioningClient,
				"comptoir.keycloak.redirect-uris=https://{realm}.portal.example/*",
				"comptoir.keycloak.portal-url=https://{realm}.portal.example",
				// creating a realm takes Keycloak seconds, more on a busy machine
				"comptoir.limits.request-timeout=60s"))) {
			assertThat(deployed.bean(IdentityProperties.class).development()).isFalse();
			assertThat(deployed.context().getBeanNamesForType(DemoMembers.class)).as("no demo data").isEmpty();

			String slug = "posture-" + UUID.randomUUID().toString().substring(0, 8);
			String adminEmail = "admin@" + slug + ".test";
			RawGraphQl.Reply created = new RawGraphQl(deployed.port())
				.header("Authorization", "Bearer " + token("platform", "platform@comptoir.test"))
				.query(CREATE_TENANT, Map.of("input", Map.of("slug", slug, "name", "Chambre de Kara", "kind", "CHAMBER_OF_COMMERCE",
						"country", "TG", "defaultLocale", "fr", "locales", List.of("fr"), "currency", "XOF", "adminEmail", adminEmail)));
			assertThat(created.data("createTenant.userErrors")).as(created.text()).isEqualTo(List.of());
			assertThat(created.data("createTenant.tenant.slug")).isEqualTo(slug);
			assertThat(created.data("createTenant.adminInitialPassword")).as("no password outside development").isNull();
			assertThat(MailServer.actionLink(MailServer.await(adminEmail, Duration.ofSeconds(30))))
				.contains("/realms/" + slug + "/login-actions/action-token?key=");

			try (Keycloak admin = bootstrapAdmin()) {
				RealmRepresentation realm = admin.realm(slug).toRepresentation();
				assertThat(realm.getSmtpServer()).containsEntry("host", "127.0.0.1")
					.containsEntry("port", Integer.toString(MailServer.port()));
				ClientRepresentation portal = admin.realm(slug).clients().findByClientId(RealmTemplate.PORTAL_CLIENT).get(0);
				assertThat(portal.isDirectAccessGrantsEnabled()).as("no password grant").isFalse();
				assertThat(portal.getWebOrigins()).doesNotContain("*");
				assertThat(portal.getRedirectUris()).containsExactly("https://" + slug + ".portal.example/*");
				assertThat(realm.getLoginTheme()).isEqualTo("comptoir");
				assertThat(portal.getRootUrl()).as("the login pages' brand.css comes from there").isEqualTo("https://" + slug + ".portal.example");
				UserRepresentation first = admin.realm(slug).users().searchByEmail(adminEmail, true).get(0);
				assertThat(admin.realm(slug).users().get(first.getId()).credentials()).as("no password at all").isEmpty();
			}
			assertThat(passwordGrant(slug, adminEmail, "anything-at-all-1")).doesNotStartWith("200");

			String colleague = "deployed-" + UUID.randomUUID().toString().substring(0, 8) + "@argan.test";
			RawGraphQl.Reply invited = new RawGraphQl(deployed.port()).header("X-Tenant", "maroc")
				.header("Authorization", "Bearer " + token("maroc", "owner@maroc.test"))
				.query(INVITE, Map.of("input", Map.of("email", colleague)));
			assertThat(invited.data("inviteMemberUser.userErrors")).as(invited.text()).isEqualTo(List.of());
			assertThat(invited.data("inviteMemberUser.initialPassword")).isNull();
			assertThat(MailServer.actionLink(MailServer.await(colleague, Duration.ofSeconds(30))))
				.contains("/realms/maroc/login-actions/action-token?key=");
		}
	}

	@Test
	void theProvisioningClientHoldsOnlyCreateRealm() {
		try (Keycloak admin = bootstrapAdmin()) {
			var master = admin.realm("master");
			ClientRepresentation client = master.clients().findByClientId(provisioningClient.clientId()).get(0);
			assertThat(client.isPublicClient()).isFalse();
			assertThat(client.isServiceAccountsEnabled()).isTrue();
			assertThat(client.isStandardFlowEnabled()).isFalse();
			assertThat(client.isDirectAccessGrantsEnabled()).isFalse();
			UserRepresentation account = master.clients().get(client.getId()).getServiceAccountUser();
			assertThat(master.users().get(account.getId()).roles().realmLevel().listAll()).extracting(RoleRepresentation::getName)
				.containsExactlyInAnyOrder("create-realm", "default-roles-master");
		}
		try (RealmProvisioner asClient = RealmProvisioner.connectAsClient(identity.baseUrl(), provisioningClient.clientId(),
				provisioningClient.secret(), RealmTemplate.development())) {
			assertThatThrownBy(() -> asClient.admin().realm("master").users().list()).isInstanceOf(ForbiddenException.class);
			assertThatThrownBy(() -> asClient.admin().realm("platform").users().list()).isInstanceOf(ForbiddenException.class);
			assertThat(asClient.realmExists("platform")).isTrue();
			assertThat(asClient.realmExists("no-such-realm-" + UUID.randomUUID())).isFalse();
		}
	}

	@Test
	void productionRefusesDevelopment(CapturedOutput output) {
		assertRefused(output, () -> AppInstance.start(List.of("production"), Deployment.againstTheRunsKeycloak(identity,
				provisioningClient, "comptoir.keycloak.development=true")), "comptoir.keycloak.development=true under the production profile");
	}

	@Test
	void productionRefusesTheDefaultAdmin(CapturedOutput output) {
		// the local Keycloak under the production profile: its bootstrap admin is admin/admin
		assertRefused(output, () -> AppInstance.start(List.of("production")), "the Keycloak admin is the default admin/admin");
	}

	@Test
	void anExternalKeycloakRefusesTheDefaultAdminAndNeedsTheProvisioningSecret(CapturedOutput output) {
		assertRefused(output, () -> AppInstance.start(List.of(), Deployment.againstTheRunsKeycloak(identity, provisioningClient,
				"comptoir.keycloak.admin-user=admin", "comptoir.keycloak.admin-password=admin")), "default admin/admin");
		assertRefused(output, () -> AppInstance.start(List.of(), "comptoir.keycloak.url=" + identity.baseUrl()),
				"comptoir.keycloak.provisioning-client-secret is not set");
	}

	@Test
	void outsideDevelopmentAMailServerIsRequired(CapturedOutput output) {
		assertRefused(output, () -> AppInstance.start(List.of(), Deployment.againstTheRunsKeycloak(identity, provisioningClient,
				"comptoir.mail.host=")), "comptoir.mail.host is not set");
	}

	private static void assertRefused(CapturedOutput output, Runnable start, String reason) {
		Throwable refusal = NestedExceptionUtils.getMostSpecificCause(catchThrowable(start::run));
		assertThat(refusal).isInstanceOf(UnsafeConfigurationException.class).hasMessageContaining(reason);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(reason)
			.as("a report, not a stack trace").doesNotContain("\tat org.comptoir");
	}

	private RawGraphQl owner(String slug) {
		return new RawGraphQl(port).header("X-Tenant", slug)
			.header("Authorization", "Bearer " + token(slug, "owner@" + slug + ".test"));
	}

	private Keycloak bootstrapAdmin() {
		return launcher.provisioner(RealmTemplate.development()).admin();
	}

	/** The status and body of Keycloak's answer to a password-grant token request on the realm's portal client. */
	private String passwordGrant(String realm, String username, String password) {
		String form = "grant_type=password&client_id=portal&username=" + encode(username) + "&password=" + encode(password);
		HttpRequest request = HttpRequest.newBuilder(URI.create(identity.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() + " " + response.body();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

}
