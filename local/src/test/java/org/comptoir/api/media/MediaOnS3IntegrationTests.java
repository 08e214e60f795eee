package org.comptoir.api.media;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.comptoir.api.support.AppInstance;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.ObjectStore;
import org.comptoir.local.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code comptoir.media.store=s3}, an instance keeps served files in a real S3-compatible server
 * (S3Proxy, started by the tests), not in PostgreSQL: a photo and a catalogue sent, attached and served
 * back, ranges included, through it.
 */
@IntegrationTest
class MediaOnS3IntegrationTests extends Chambers {

	private static AppInstance onS3;

	@Autowired
	LocalPostgres postgres;

	@BeforeAll
	static void start() {
		onS3 = AppInstance.start(List.of(), "comptoir.media.store=s3", "comptoir.media.s3.endpoint=" + ObjectStore.endpoint(),
				"comptoir.media.s3.access-key=" + ObjectStore.ACCESS_KEY, "comptoir.media.s3.secret-key=" + ObjectStore.SECRET_KEY,
				"comptoir.media.s3.bucket=comptoir-media-e2e");
	}

	@AfterAll
	static void stop() {
		onS3.close();
	}

	@Test
	void aPhotoAndACatalogueGoThroughTheObjectStore() throws Exception {
		HttpGraphQlTester owner = onS3.api().as("senegal", token("senegal", "owner@senegal.test"));
		String listing = owner.document("{ viewer { member { listings(first: 1) { edges { node { id } } } } } }").execute()
			.path("viewer.member.listings.edges[0].node.id").entity(String.class).get();
		byte[] pdf = TestFiles.pdf(3);
		String upload = sent(owner, "DOCUMENT", "application/pdf", pdf);
		String url = owner.documentName("AddListingDocument")
			.variable("input", Map.of("listingId", listing, "uploadId", upload, "title", "Catalogue 2026")).execute()
			.path("addListingDocument.userErrors").entityList(Object.class).hasSize(0)
			.path("addListingDocument.listing.documents[-1].url").entity(String.class).get();

		HttpClient http = HttpClient.newHttpClient();
		URI uri = URI.create("http://localhost:" + onS3.port() + url);
		assertThat(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(pdf);
		HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(uri).header("Range", "bytes=100-199").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(part.statusCode()).isEqualTo(206);
		assertThat(part.body()).isEqualTo(Arrays.copyOfRange(pdf, 100, 200));

		byte[] photo = TestFiles.jpeg(800, 600, 11);
		String image = sent(owner, "IMAGE", "image/jpeg", photo);
		String thumbnail = owner.documentName("AddListingImage").variable("input", Map.of("listingId", listing, "uploadId", image)).execute()
			.path("addListingImage.userErrors").entityList(Object.class).hasSize(0)
			.path("addListingImage.listing.images[-1].variants[0].url").entity(String.class).get();
		assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + onS3.port() + thumbnail)).build(),
				HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);

		String address = url.replaceAll(".*/([0-9a-f]{64})\\.pdf.*", "$1");
		try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.superUser(), postgres.superPassword());
				ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM media_blob WHERE address = '" + address + "'")) {
			rows.next();
			assertThat(rows.getInt(1)).as("the bytes are in the object store, not in PostgreSQL").isZero();
		}
	}

	/** An upload asked for and sent whole: its id. */
	private static String sent(HttpGraphQlTester caller, String kind, String type, byte[] bytes) throws Exception {
		Map<?, ?> upload = caller.documentName("RequestUpload").variable("input", Map.of("kind", kind, "contentType", type,
				"byteSize", bytes.length, "sha256", TestFiles.sha256(bytes))).execute()
			.path("requestUpload.upload").entity(Map.class).get();
		HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + onS3.port()
				+ upload.get("url"))).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes))
			.header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", "0").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(204);
		return (String) upload.get("id");
	}

}
