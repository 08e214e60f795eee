package org.comptoir.api.portal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.comptoir.api.support.IntegrationTest;
import org.comptoir.local.LocalPortal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal as a visitor's browser asks it over HTTP, each chamber on its own host, against the run's API,
 * PostgreSQL and Keycloak: brandings, search, a listing's link preview, languages, sign-in per realm.
 */
@IntegrationTest
class PortalIntegrationTests {

	@LocalServerPort
	int apiPort;

	@Autowired
	Environment environment;

	LocalPortal portal;

	@BeforeEach
	void portal() {
		portal = Portals.against(apiPort, environment);
	}

	WebTestClient on(String slug) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + portal.port())
			.defaultHeader(HttpHeaders.HOST, slug + ".localhost:" + portal.port())
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	String page(String slug, String path) {
		return on(slug).get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

	@Test
	void twoChambersOnTwoHostsShowTwoBrandings() {
		String senegal = page("senegal", "/");
		String maroc = page("maroc", "/");
		assertThat(senegal).contains("<html lang=\"fr\" dir=\"ltr\">").contains("--brand-primary:");
		assertThat(brandColour(senegal)).isNotEqualTo(brandColour(maroc));
		assertThat(title(senegal)).isNotEqualTo(title(maroc));
		// newest offers and requests, the HS sections, the network's other chambers
		assertThat(senegal).contains("href=\"/listings/").contains("/search?hs=").contains("maroc.localhost:" + portal.port());
	}

	@Test
	void searchFindsListingsAndALinkPreviewShowsTheListing() {
		String results = page("senegal", "/search?q=cajou");
		Matcher listing = Pattern.compile("href=\"(/listings/[^\"]+)\"").matcher(results);
		assertThat(listing.find()).as("a result links its listing").isTrue();
		String page = page("senegal", listing.group(1));
		assertThat(page).contains("<meta property=\"og:title\"").contains("<meta property=\"og:url\"")
			.contains("\"@type\":\"Product\"").contains("href=\"/companies/");
		// "contact this company": a visitor is sent through the sign-in
		assertThat(page).contains("href=\"/contact/listing/");
	}

	@Test
	void arabicPagesAreWrittenRightToLeftWhereTheChamberOffersArabic() {
		assertThat(page("maroc", "/?lang=ar")).contains("<html lang=\"ar\" dir=\"rtl\">");
		// Senegal offers French only: the asked Arabic is not served
		assertThat(page("senegal", "/?lang=ar")).contains("<html lang=\"fr\" dir=\"ltr\">");
		// the browser's preference, among the chamber's languages
		String english = on("rwanda").get().uri("/").header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB,en;q=0.8").exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(english).contains("<html lang=\"en\"");
	}

	@Test
	void signedInPagesSendAVisitorToTheChambersOwnRealmWithPkce() {
		String first = on("senegal").get().uri("/my/listings").exchange().expectStatus().is3xxRedirection()
			.returnResult(Void.class).getResponseHeaders().getLocation().toString();
		assertThat(first).endsWith("/oauth2/authorization/senegal");
		String toKeycloak = on("senegal").get().uri("/oauth2/authorization/senegal").exchange().expectStatus().is3xxRedirection()
			.returnResult(Void.class).getResponseHeaders().getLocation().toString();
		assertThat(toKeycloak).startsWith(environment.getProperty("comptoir.keycloak.url") + "/realms/senegal/protocol/openid-connect/auth")
			.contains("client_id=portal").contains("code_challenge=").contains("code_challenge_method=S256");
		// a host never signs in to another chamber's realm
		on("senegal").get().uri("/oauth2/authorization/maroc").exchange().expectStatus().isNotFound();
	}

	@Test
	void theChambersLoginPagesGetItsColoursAndLogoFromBrandCss() {
		assertThat(page("senegal", "/")).contains("href=\"/oauth2/authorization/senegal\"");
		String css = on("senegal").get().uri("/brand.css").exchange().expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith("text/css").expectBody(String.class).returnResult().getResponseBody();
		assertThat(css).contains(":root{--brand-primary:#").contains("--brand-accent:#");
		if (css.contains(".brand-logo")) { // the tests' chambers may have no logo (no demo pictures)
			assertThat(css).contains(".brand-logo{background-image:url(\"http");
		}
	}

	@Test
	void eachChamberHasASitemapOfItsOwnListingsAndCompanies() {
		String sitemap = page("senegal", "/sitemap.xml");
		String host = "http://senegal.localhost:" + portal.port();
		assertThat(sitemap).contains("<loc>" + host + "/</loc>").contains("<loc>" + host + "/listings/")
			.contains("<loc>" + host + "/companies/").doesNotContain("maroc.localhost");
		assertThat(page("senegal", "/robots.txt")).contains("Sitemap: " + host + "/sitemap.xml");
	}

	@Test
	void anUnknownHostIsNotFound() {
		on("atlantis").get().uri("/").exchange().expectStatus().isNotFound();
	}

	@Test
	void aPageWeighsLessThanSixtyKilobytesCompressedBeforeImages() throws Exception {
		for (String path : new String[] { "/", "/search", "/search?q=cafe" }) {
			String answer = gzipped("senegal", path);
			assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("content-encoding: gzip");
			int length = Integer.parseInt(answer.replaceAll("(?is).*content-length: *([0-9]+).*", "$1"));
			assertThat(length).as(path + " compressed").isLessThan(60 * 1024);
		}
	}

	/** The head of a response as a browser asking for gzip gets it (HTTP clients here unpack it silently). */
	private String gzipped(String slug, String path) throws Exception {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", portal.port())) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + slug + ".localhost:" + portal.port()
					+ "\r\nAccept-Encoding: gzip\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
				.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String all = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
			return all.substring(0, all.indexOf("\r\n\r\n"));
		}
	}

	private static String brandColour(String page) {
		Matcher colour = Pattern.compile("--brand-primary:(#[0-9a-fA-F]+)").matcher(page);
		assertThat(colour.find()).isTrue();
		return colour.group(1);
	}

	private static String title(String page) {
		return page.substring(page.indexOf("<title>"), page.indexOf("</title>"));
	}

}
