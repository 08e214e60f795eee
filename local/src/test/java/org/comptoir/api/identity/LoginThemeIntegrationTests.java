package org.comptoir.api.identity;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.keycloak.ChamberRealm;
import org.comptoir.keycloak.RealmProvisioner;
import org.comptoir.keycloak.RealmTemplate;
import org.comptoir.local.LocalServices;
import org.comptoir.local.keycloak.KeycloakLauncher;
import org.comptoir.tenants.ChamberDefinitions;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real login pages of the local Keycloak, as a portal's sign-in (authorization code with PKCE on client
 * {@code portal}) opens them: the comptoir theme, with the chamber's name, its portal's brand.css and the
 * theme's stylesheet; keycloak.v2's right-to-left layout for Arabic; and realms made before the theme get it.
 */
@IntegrationTest
class LoginThemeIntegrationTests extends Chambers {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Autowired
	private RealmTemplate template;

	@Test
	void senegalsLoginPageIsTheComptoirThemeInTheChambersNameWithItsPortalsBrandStylesheet() throws Exception {
		HttpResponse<String> page = loginPage("senegal", null);

		assertThat(page.statusCode()).isEqualTo(200);
		String html = page.body();
		assertThat(html).contains("<span class=\"brand-logo\"></span><span class=\"brand-name\">Comptoir Dakar</span>")
			.contains("<link rel=\"stylesheet\" href=\"http://senegal.localhost:8081/brand.css\">");
		// keycloak.v2's stylesheet and the theme's own, from the theme's resources
		Matcher stylesheet = Pattern.compile("href=\"([^\"]*/login/comptoir/css/comptoir\\.css)\"").matcher(html);
		assertThat(stylesheet.find()).as("the theme's stylesheet is linked").isTrue();
		assertThat(html).containsPattern("href=\"[^\"]*/login/comptoir/css/styles\\.css\"");

		HttpResponse<String> css = get(URI.create(identity.baseUrl()).resolve(stylesheet.group(1)).toString());
		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.body()).contains("var(--brand-primary, #").contains("var(--brand-accent, #");
	}

	@Test
	void marocsLoginPageInArabicIsRightToLeft() throws Exception {
		HttpResponse<String> page = loginPage("maroc", "ar");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).containsPattern("<html[^>]* lang=\"ar\" dir=\"rtl\">")
			.contains("Comptoir Casablanca")
			.contains("http://maroc.localhost:8081/brand.css")
			.contains("/login/comptoir/css/comptoir.css");
	}

	@Test
	void aRealmImportedBeforeTheThemeGetsItAndItsPortalUrlsOnTheNextStart() {
		KeycloakLauncher keycloak = LocalServices.keycloak();
		ChamberRealm france = ChamberDefinitions.load().stream()
			.filter(definition -> definition.chamber().slug().equals("france"))
			.map(d -> new ChamberRealm(d.chamber().slug(), d.chamber().branding().displayName(),
					d.chamber().defaultLocale(), d.chamber().locales()))
			.findFirst()
			.orElseThrow();
		RealmRepresentation wanted = this.template.chamberRealm(france);
		try (RealmProvisioner admin = keycloak.provisioner(this.template)) {
			RealmResource realm = admin.admin().realm("france");
			// as a realm of ~/.comptoir imported before the theme was: Keycloak's theme, no portal URLs
			RealmRepresentation before = new RealmRepresentation();
			before.setLoginTheme("keycloak.v2");
			before.setDisplayNameHtml("");
			realm.update(before);
			ClientRepresentation portal = realm.clients().findByClientId("portal").get(0);
			portal.setRootUrl("");
			portal.setBaseUrl("");
			portal.setRedirectUris(List.of("http://france.localhost:*"));
			realm.clients().get(portal.getId()).update(portal);

			keycloak.ensureRealms(List.of(wanted));

			RealmRepresentation after = realm.toRepresentation();
			assertThat(after.getLoginTheme()).isEqualTo("comptoir");
			assertThat(after.getDisplayNameHtml()).isEqualTo(wanted.getDisplayNameHtml());
			ClientRepresentation updated = realm.clients().findByClientId("portal").get(0);
			assertThat(updated.getRootUrl()).isEqualTo("http://france.localhost:8081");
			assertThat(updated.getBaseUrl()).isEqualTo("/");
			assertThat(updated.getRedirectUris()).contains("http://france.localhost:*", "http://france.localhost:8081/*",
					"http://localhost:*");
			// idempotent: the next start writes nothing
			assertThat(admin.updateLoginPages(wanted)).isFalse();
		}
	}

	/** The page a portal's sign-in opens: the authorization endpoint, with PKCE, in the realm's portal's name. */
	private HttpResponse<String> loginPage(String realm, String uiLocales) throws Exception {
		String redirect = "http://" + realm + ".localhost:8081/login/oauth2/code/" + realm;
		String url = identity.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=portal"
				+ "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
				+ "&code_challenge=" + challenge(verifier()) + "&code_challenge_method=S256&state=test"
				+ (uiLocales == null ? "" : "&ui_locales=" + uiLocales);
		return get(url);
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static String verifier() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private static String challenge(String verifier) throws NoSuchAlgorithmException {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

}
