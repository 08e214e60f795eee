package org.comptoir.api.media;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.local.demo.DemoMedia;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo portal is not empty: a chamber's logo, its first offers' photos and their companies' logos, served. */
@IntegrationTest
class DemoMediaIntegrationTests extends Chambers {

	@Autowired
	DemoMedia demo;

	@Autowired
	TenantRegistry registry;

	@Test
	void aDemoChamberGetsItsLogoAndItsFirstOffersPhotosOnce() throws Exception {
		Integer attached = demo.load(registry.bySlug("maroc").block()).block();
		assertThat(attached).isGreaterThan(DemoMedia.PHOTOS_PER_CHAMBER);
		assertThat(demo.load(registry.bySlug("maroc").block()).block()).as("loaded once").isNull();

		String logo = anonymous("maroc").document("{ tenant { branding { logo { url } favicon { width } } } }").execute()
			.path("tenant.branding.favicon.width").entity(Integer.class).isEqualTo(64)
			.path("tenant.branding.logo.url").entity(String.class).get();
		HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + logo)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(anonymous("maroc").document("""
				{ listings(filter: {kinds: [OFFER]}, sort: NEWEST, first: 50) { edges { node { cover { url(width: 160) } member { logo { id } } } } } }""")
			.execute().path("listings.edges[*].node.cover.url").entityList(String.class).get()).isNotEmpty();
	}

}
