package org.comptoir.api.media;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.imageio.ImageIO;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.support.FreshCompanies;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.Postgres;
import org.comptoir.local.LocalPostgres;
import org.comptoir.tenants.CurrentTenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pictures and documents as a phone sends them: asked for, sent in pieces over a connection that drops,
 * resumed, attached, processed once, served with the headers caches need; refused when they are not
 * what they claim, past the tier's quota, or asked from another chamber without a signature.
 */
@IntegrationTest
class MediaIntegrationTests extends FreshCompanies {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Autowired
	LocalPostgres postgres;

	@Autowired
	MediaFiles files;

	@Autowired
	Environment environment;

	@Test
	void photoSentOverACutConnectionResumesAndIsServedWithoutItsGpsPosition() throws Exception {
		Company company = company("senegal", "APPROVE");
		String listing = listing(company, "OFFER", "080132", "NETWORK");
		byte[] photo = TestFiles.jpegWithGps(2400, 1800);
		assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo)).getFirstDirectoryOfType(GpsDirectory.class))
			.as("the photo sent does carry a position").isNotNull();
		Map<String, Object> upload = requestUpload(company, "IMAGE", "image/jpeg", photo);
		String url = (String) upload.get("url");
		assertThat(offset(url)).isZero();

		int cut = photo.length * 8 / 10;
		sendAndDrop(url, 0, photo, cut);
		long resumed = awaitSteadyOffset(url);
		assertThat(resumed).as("every byte that arrived before the cut is kept, the last partial piece too").isEqualTo(cut);

		HttpResponse<String> rest = patch(url, resumed, Arrays.copyOfRange(photo, (int) resumed, photo.length));
		assertThat(rest.statusCode()).isEqualTo(204);
		assertThat(rest.headers().firstValue("Upload-Offset")).hasValue(Integer.toString(photo.length));

		GraphQlTester.Response added = as(company).documentName("AddListingImage")
			.variable("input", Map.of("listingId", listing, "uploadId", upload.get("id"),
					"alt", List.of(Map.of("locale", "fr", "text", "Noix de cajou de Ziguinchor"))))
			.execute();
		added.path("addListingImage.userErrors").entityList(Object.class).hasSize(0);
		added.path("addListingImage.listing.images[0].width").entity(Integer.class).isEqualTo(2400);
		added.path("addListingImage.listing.images[0].alt").entity(String.class).isEqualTo("Noix de cajou de Ziguinchor");
		List<Map<String, Object>> variants = added.path("addListingImage.listing.images[0].variants").entityList(mapType()).get();
		assertThat(variants).hasSize(6);
		for (Map<String, Object> variant : variants) {
			HttpResponse<byte[]> served = get((String) variant.get("url"), Map.of());
			assertThat(served.statusCode()).isEqualTo(200);
			assertThat(served.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
			assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(served.headers().firstValue("Content-Type"))
				.hasValue(variant.get("format").equals("WEBP") ? "image/webp" : "image/jpeg");
			assertThat(served.body()).hasSize((Integer) variant.get("byteSize"));
			List<Class<? extends Directory>> found = ImageMetadataReader.readMetadata(new ByteArrayInputStream(served.body()))
				.getDirectories().iterator().hasNext() ? directoriesOf(served.body()) : List.of();
			assertThat(found).as(variant.get("name") + " " + variant.get("format") + " carries no EXIF and no position")
				.doesNotContain(GpsDirectory.class, ExifIFD0Directory.class);
			String etag = served.headers().firstValue("ETag").orElseThrow();
			assertThat(get((String) variant.get("url"), Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
		}
		String card = added.path("addListingImage.listing.images[0].url").entity(String.class).get();
		assertThat(card).endsWith(".webp");
		assertThat(ImageIO.read(new ByteArrayInputStream(get(card, Map.of()).body())).getWidth()).isEqualTo(480);
		added.path("addListingImage.listing.cover.url").entity(String.class).satisfies(url160 -> assertThat(url160).endsWith(".jpg"));
	}

	@Test
	void aChamberListingsPictureIsServedOnlyWithTheSignatureItsChamberGets() throws Exception {
		Company company = company("senegal", "APPROVE");
		String listing = listing(company, "OFFER", "090111", "CHAMBER");
		addImage(company, listing, TestFiles.jpeg(640, 480, 3));
		String signed = anonymous("senegal").documentName("ListingMedia").variable("id", listing).execute()
			.path("listing.images[0].url").entity(String.class).get();
		assertThat(signed).contains("?expires=").contains("&signature=");
		HttpResponse<byte[]> served = get(signed, Map.of());
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(served.headers().firstValue("Cache-Control").orElseThrow()).startsWith("max-age=").contains("private");

		String bare = signed.substring(0, signed.indexOf('?'));
		assertThat(get(bare, Map.of()).statusCode()).as("no signature").isEqualTo(404);
		assertThat(get(signed.replaceAll("signature=.", "signature=A"), Map.of()).statusCode()).as("a forged one").isEqualTo(404);
		assertThat(get(bare.replace("/media/senegal/", "/media/maroc/"), Map.of()).statusCode()).as("another chamber's path").isEqualTo(404);
		assertThat(anonymous("maroc").documentName("ListingMedia").variable("id", listing).execute()
			.path("listing").valueIsNull()).as("another chamber does not see the listing, so gets no URL");
	}

	@Test
	void aSuspendedCompanysLogoLeavesThePublicAndOtherChambersDoNotReadItsRows() throws Exception {
		Company company = company("senegal", "APPROVE");
		byte[] logo = TestFiles.png(300, 300);
		Map<String, Object> upload = requestUpload(company, "IMAGE", "image/png", logo);
		patch((String) upload.get("url"), 0, logo);
		String plain = as(company).document("""
				mutation($input: SetMemberLogoInput!) { setMemberLogo(input: $input) { member { logo { url } } userErrors { code } } }""")
			.variable("input", Map.of("memberId", company.id(), "uploadId", upload.get("id"))).execute()
			.path("setMemberLogo.member.logo.url").entity(String.class).get();
		assertThat(plain).doesNotContain("signature");
		assertThat(get(plain, Map.of()).statusCode()).isEqualTo(200);
		byte[] gallery = TestFiles.jpeg(900, 600, 5);
		Map<String, Object> second = requestUpload(company, "IMAGE", "image/jpeg", gallery);
		patch((String) second.get("url"), 0, gallery);
		as(company).document("""
				mutation($input: AddGalleryImageInput!) { addGalleryImage(input: $input) { member { gallery { width } } userErrors { code } } }""")
			.variable("input", Map.of("memberId", company.id(), "uploadId", second.get("id"))).execute()
			.path("addGalleryImage.member.gallery[0].width").entity(Integer.class).isEqualTo(900);
		String first = as(company).document("query($id: ID!) { member(id: $id) { gallery { id } } }").variable("id", company.id())
			.execute().path("member.gallery[0].id").entity(String.class).get();
		String secondId = addGalleryImage(company, TestFiles.png(400, 300));
		as(company).document("""
				mutation($input: ReorderGalleryInput!) { reorderGallery(input: $input) { member { gallery { id } } userErrors { code } } }""")
			.variable("input", Map.of("memberId", company.id(), "imageIds", List.of(secondId, first))).execute()
			.path("reorderGallery.member.gallery[*].id").entityList(String.class).containsExactly(secondId, first);

		decide(company, "SUSPEND");
		assertThat(get(plain, Map.of()).statusCode()).as("a suspended company's logo, unsigned").isEqualTo(404);
		String signed = as("admin", "senegal").document("query($id: ID!) { member(id: $id) { logo { url } } }")
			.variable("id", company.id()).execute().path("member.logo.url").entity(String.class).get();
		assertThat(signed).contains("signature=");
		assertThat(get(signed, Map.of()).statusCode()).as("its chamber's admin still sees it").isEqualTo(200);
		assertThat(mediaRowsSeenBy("maroc", company.id())).as("another chamber's reader, in the database itself").isZero();
		assertThat(mediaRowsSeenBy("senegal", company.id())).isEqualTo(3);
	}

	/** The company's media rows the application role reads, row-level security set to a chamber. */
	private int mediaRowsSeenBy(String chamber, String memberId) throws Exception {
		try (Connection app = Postgres.asApplication(postgres, environment)) {
			app.setAutoCommit(false);
			try (PreparedStatement set = app.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
				set.setString(1, CurrentTenant.idOfDefinedChamber(chamber).toString());
				set.execute();
			}
			try (PreparedStatement count = app.prepareStatement("SELECT count(*) FROM media WHERE member_id = ?")) {
				count.setObject(1, GlobalId.decode(memberId).orElseThrow().localId());
				try (ResultSet rows = count.executeQuery()) {
					rows.next();
					return rows.getInt(1);
				}
			}
		}
	}

	@Test
	void aDecompressionBombAndARenamedExecutableAreRefusedWithClearErrors() throws Exception {
		Company company = company("senegal", "APPROVE");
		String listing = listing(company, "OFFER", "180100", "NETWORK");
		assertThat(attachError(company, listing, TestFiles.decompressionBomb(), "image/png")).isEqualTo("IMAGE_TOO_LARGE");
		assertThat(attachError(company, listing, TestFiles.executable(), "image/jpeg")).isEqualTo("UNSUPPORTED_FILE_TYPE");
		assertThat(attachError(company, listing, TestFiles.pdf(1), "image/jpeg")).isEqualTo("UNSUPPORTED_FILE_TYPE");
		as(company).documentName("ListingMedia").variable("id", listing).execute().path("listing.images").entityList(Object.class).hasSize(0);
	}

	@Test
	void theFreeTierShowsThreePhotosPerListingUntilTheChamberGivesMore() throws Exception {
		Company company = company("rwanda", "APPROVE");
		String listing = listing(company, "OFFER", "090111", "NETWORK");
		for (int i = 0; i < 3; i++) {
			addImage(company, listing, TestFiles.png(200 + i, 150));
		}
		Map<String, Object> fourth = requestUpload(company, "IMAGE", "image/png", TestFiles.png(300, 150));
		patch((String) fourth.get("url"), 0, TestFiles.png(300, 150));
		Map<String, Object> error = attach(company, listing, (String) fourth.get("id"));
		assertThat(error.get("code")).isEqualTo("QUOTA_EXCEEDED");
		assertThat((String) error.get("message")).contains("FREE companies show at most 3 photos per listing").contains("0 left");

		byte[] big = new byte[6 * 1024 * 1024];
		Map<String, Object> tooLarge = as(company).documentName("RequestUpload").variable("input", Map.of("kind", "IMAGE",
				"contentType", "image/jpeg", "byteSize", big.length, "sha256", TestFiles.sha256(big))).execute()
			.path("requestUpload.userErrors[0]").entity(mapType()).get();
		assertThat(tooLarge.get("code")).isEqualTo("FILE_TOO_LARGE");
		assertThat((String) tooLarge.get("message")).contains("at most 5.0 MB");

		as("admin", "rwanda").document("""
				mutation { setMediaQuota(input: {tier: FREE, imagesPerListing: 4, documentsPerListing: 1, galleryImages: 3,
				  maxFileSize: 5242880}) { userErrors { code } quotas { tier imagesPerListing } } }""").execute()
			.path("setMediaQuota.userErrors").entityList(Object.class).hasSize(0);
		assertThat(attach(company, listing, (String) fourth.get("id"))).isNull();
		as(company).documentName("ListingMedia").variable("id", listing).execute().path("listing.images").entityList(Object.class).hasSize(4);
	}

	@Test
	void aCatalogueIsServedAsADownloadWithRanges() throws Exception {
		Company company = company("maroc", "APPROVE");
		String listing = listing(company, "OFFER", "151590", "NETWORK");
		byte[] pdf = TestFiles.pdf(2);
		Map<String, Object> upload = requestUpload(company, "DOCUMENT", "application/pdf", pdf);
		patch((String) upload.get("url"), 0, pdf);
		GraphQlTester.Response added = as(company).documentName("AddListingDocument")
			.variable("input", Map.of("listingId", listing, "uploadId", upload.get("id"), "title", "Fiche technique huile d'argan"))
			.execute();
		added.path("addListingDocument.userErrors").entityList(Object.class).hasSize(0);
		added.path("addListingDocument.listing.documents[0].pages").entity(Integer.class).isEqualTo(2);
		String url = added.path("addListingDocument.listing.documents[0].url").entity(String.class).get();
		HttpResponse<byte[]> whole = get(url, Map.of());
		assertThat(whole.statusCode()).isEqualTo(200);
		assertThat(whole.body()).isEqualTo(pdf);
		assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
		HttpResponse<byte[]> part = get(url, Map.of("Range", "bytes=10-19"));
		assertThat(part.statusCode()).isEqualTo(206);
		assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + pdf.length);
		assertThat(part.body()).isEqualTo(Arrays.copyOfRange(pdf, 10, 20));

		byte[] next = TestFiles.pdf(5);
		Map<String, Object> again = requestUpload(company, "DOCUMENT", "application/pdf", next);
		patch((String) again.get("url"), 0, next);
		as(company).document("""
				mutation($input: ReplaceDocumentInput!) {
				  replaceDocument(input: $input) { owner { ... on Listing { documents { title pages } } } userErrors { code } } }""")
			.variable("input", Map.of("documentId", added.path("addListingDocument.listing.documents[0].id").entity(String.class).get(),
					"uploadId", again.get("id"), "title", "Fiche technique 2027"))
			.execute()
			.path("replaceDocument.owner.documents[0].pages").entity(Integer.class).isEqualTo(5)
			.path("replaceDocument.owner.documents[0].title").entity(String.class).isEqualTo("Fiche technique 2027");
		assertThat(get(url, Map.of()).statusCode()).as("the old file's bytes are gone with it").isEqualTo(404);
	}

	@Test
	void bytesThatDoNotMatchTheirChecksumStartTheUploadAgain() throws Exception {
		Company company = company("france", "APPROVE");
		byte[] photo = TestFiles.png(64, 64);
		Map<String, Object> upload = as(company).documentName("RequestUpload").variable("input", Map.of("kind", "IMAGE",
				"contentType", "image/png", "byteSize", photo.length, "sha256", TestFiles.sha256(new byte[] { 1 }))).execute()
			.path("requestUpload.upload").entity(mapType()).get();
		HttpResponse<String> sent = patch((String) upload.get("url"), 0, photo);
		assertThat(sent.statusCode()).isEqualTo(460);
		assertThat(sent.body()).contains("SHA-256");
		assertThat(offset((String) upload.get("url"))).isZero();
		assertThat(patch((String) upload.get("url"), 5, photo).statusCode()).as("not where the upload stands").isEqualTo(409);
	}

	@Test
	void anUploadAttachedTwiceAtOnceMakesOnePhoto() throws Exception {
		Company company = company("maroc", "APPROVE");
		String listing = listing(company, "OFFER", "151590", "NETWORK");
		byte[] photo = TestFiles.jpeg(1200, 900, 21);
		Map<String, Object> upload = requestUpload(company, "IMAGE", "image/jpeg", photo);
		patch((String) upload.get("url"), 0, photo);
		List<CompletableFuture<Map<String, Object>>> taps = List.of(1, 2).stream()
			.map(tap -> CompletableFuture.supplyAsync(() -> attach(company, listing, (String) upload.get("id")))).toList();
		List<Object> codes = taps.stream().map(CompletableFuture::join).map(error -> error == null ? "attached" : error.get("code")).toList();
		assertThat(codes).containsExactlyInAnyOrder("attached", "UPLOAD_NOT_FOUND");
		as(company).documentName("ListingMedia").variable("id", listing).execute().path("listing.images").entityList(Object.class).hasSize(1);
	}

	@Test
	void abandonedUploadsAreRemoved() throws Exception {
		Company company = company("senegal", "APPROVE");
		byte[] photo = TestFiles.png(64, 64);
		Map<String, Object> upload = requestUpload(company, "IMAGE", "image/png", photo);
		patch((String) upload.get("url"), 0, Arrays.copyOf(photo, 100));
		try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.superUser(), postgres.superPassword())) {
			db.createStatement().execute("UPDATE upload SET expires_at = now() - interval '1 second' WHERE upload_id = '"
					+ ((String) upload.get("url")).replaceAll(".*/", "") + "'");
		}
		files.removeAbandonedUploads();
		for (int i = 0; i < 50 && http.send(head((String) upload.get("url")), HttpResponse.BodyHandlers.discarding()).statusCode() != 404; i++) {
			Thread.sleep(100);
		}
		assertThat(http.send(head((String) upload.get("url")), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
	}

	@Test
	void photosAreReorderedReplacedAndRemoved() throws Exception {
		Company company = company("senegal", "APPROVE");
		String listing = listing(company, "OFFER", "520100", "NETWORK");
		String first = addImage(company, listing, TestFiles.png(100, 100));
		String second = addImage(company, listing, TestFiles.png(120, 100));
		as(company).document("mutation($input: ReorderListingImagesInput!) { reorderListingImages(input: $input) { listing { cover { id } } userErrors { code } } }")
			.variable("input", Map.of("listingId", listing, "imageIds", List.of(second, first))).execute()
			.path("reorderListingImages.listing.cover.id").entity(String.class).isEqualTo(second);

		byte[] wider = TestFiles.png(300, 100);
		Map<String, Object> upload = requestUpload(company, "IMAGE", "image/png", wider);
		patch((String) upload.get("url"), 0, wider);
		as(company).document("mutation($input: ReplaceImageInput!) { replaceImage(input: $input) { owner { ... on Listing { cover { id width } } } userErrors { code } } }")
			.variable("input", Map.of("imageId", second, "uploadId", upload.get("id"))).execute()
			.path("replaceImage.owner.cover.width").entity(Integer.class).isEqualTo(300);

		Company stranger = company("senegal", "APPROVE");
		as(stranger).document("mutation($input: RemoveMediaInput!) { removeMedia(input: $input) { userErrors { code } } }")
			.variable("input", Map.of("id", first)).execute()
			.errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getExtensions().get("code")).containsExactly("FORBIDDEN"));
		as(company).document("mutation($input: RemoveMediaInput!) { removeMedia(input: $input) { owner { ... on Listing { images { id } } } } }")
			.variable("input", Map.of("id", first)).execute()
			.path("removeMedia.owner.images[*].id").entityList(String.class).containsExactly(second);
	}

	@Test
	void theChambersLogoShowsOnItsBranding() throws Exception {
		byte[] logo = TestFiles.png(256, 256);
		HttpGraphQlTester admin = as("admin", "france");
		Map<String, Object> upload = admin.documentName("RequestUpload").variable("input", Map.of("kind", "IMAGE",
				"contentType", "image/png", "byteSize", logo.length, "sha256", TestFiles.sha256(logo))).execute()
			.path("requestUpload.upload").entity(mapType()).get();
		patch((String) upload.get("url"), 0, logo);
		admin.document("mutation($input: SetBrandingImageInput!) { setBrandingImage(input: $input) { userErrors { code } } }")
			.variable("input", Map.of("image", "LOGO", "uploadId", upload.get("id"))).execute()
			.path("setBrandingImage.userErrors").entityList(Object.class).hasSize(0);
		String url = anonymous("france").document("{ tenant { branding { logo { url(width: 160) } } } }").execute()
			.path("tenant.branding.logo.url").entity(String.class).get();
		assertThat(get(url, Map.of()).statusCode()).isEqualTo(200);
	}

	// the client's side

	private Map<String, Object> requestUpload(Company company, String kind, String type, byte[] bytes) {
		return as(company).documentName("RequestUpload").variable("input", Map.of("kind", kind, "contentType", type,
				"byteSize", bytes.length, "sha256", TestFiles.sha256(bytes), "fileName", "photo.jpg")).execute()
			.path("requestUpload.userErrors").entityList(Object.class).hasSize(0)
			.path("requestUpload.upload").entity(mapType()).get();
	}

	/** An image sent whole and attached: its id. */
	private String addImage(Company company, String listing, byte[] bytes) throws Exception {
		Map<String, Object> upload = requestUpload(company, "IMAGE", bytes[1] == 'P' ? "image/png" : "image/jpeg", bytes);
		assertThat(patch((String) upload.get("url"), 0, bytes).statusCode()).isEqualTo(204);
		return as(company).documentName("AddListingImage").variable("input", Map.of("listingId", listing, "uploadId", upload.get("id")))
			.execute()
			.path("addListingImage.userErrors").entityList(Object.class).hasSize(0)
			.path("addListingImage.listing.images[-1].id").entity(String.class).get();
	}

	/** A gallery picture sent whole and attached: its id. */
	private String addGalleryImage(Company company, byte[] bytes) throws Exception {
		Map<String, Object> upload = requestUpload(company, "IMAGE", "image/png", bytes);
		patch((String) upload.get("url"), 0, bytes);
		return as(company).document("""
				mutation($input: AddGalleryImageInput!) { addGalleryImage(input: $input) { member { gallery { id } } userErrors { code } } }""")
			.variable("input", Map.of("memberId", company.id(), "uploadId", upload.get("id"))).execute()
			.path("addGalleryImage.member.gallery[-1].id").entity(String.class).get();
	}

	/** The first userError's code attaching these bytes. */
	private String attachError(Company company, String listing, byte[] bytes, String declared) throws Exception {
		Map<String, Object> upload = requestUpload(company, "IMAGE", declared, bytes);
		assertThat(patch((String) upload.get("url"), 0, bytes).statusCode()).isEqualTo(204);
		Map<String, Object> error = attach(company, listing, (String) upload.get("id"));
		assertThat((String) error.get("message")).doesNotContain("Exception").doesNotContain("at org.");
		return (String) error.get("code");
	}

	private Map<String, Object> attach(Company company, String listing, String uploadId) {
		List<Map<String, Object>> errors = as(company).documentName("AddListingImage")
			.variable("input", Map.of("listingId", listing, "uploadId", uploadId)).execute()
			.path("addListingImage.userErrors").entityList(mapType()).get();
		return errors.isEmpty() ? null : errors.get(0);
	}

	private URI uri(String url) {
		return URI.create(url.startsWith("http") ? url : "http://localhost:" + port + url);
	}

	private HttpRequest head(String url) {
		return HttpRequest.newBuilder(uri(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
	}

	private long offset(String url) throws Exception {
		HttpResponse<Void> response = http.send(head(url), HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
		return Long.parseLong(response.headers().firstValue("Upload-Offset").orElseThrow());
	}

	private HttpResponse<String> patch(String url, long offset, byte[] bytes) throws Exception {
		return http.send(HttpRequest.newBuilder(uri(url)).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes))
			.header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", Long.toString(offset))
			.header("Tus-Resumable", "1.0.0").build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A PATCH announcing the whole rest whose connection drops after {@code until} bytes, as a phone's does. */
	private void sendAndDrop(String url, long offset, byte[] bytes, int until) throws Exception {
		try (Socket socket = new Socket("localhost", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("PATCH " + uri(url).getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/offset+octet-stream\r\n"
					+ "Upload-Offset: " + offset + "\r\nTus-Resumable: 1.0.0\r\nContent-Length: " + (bytes.length - offset) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			for (int at = (int) offset; at < until; at += 16 * 1024) {
				out.write(bytes, at, Math.min(16 * 1024, until - at));
				out.flush();
			}
			Thread.sleep(300);
		}
	}

	/** The offset once the server has settled what arrived before a cut. */
	private long awaitSteadyOffset(String url) throws Exception {
		long last = -1;
		for (int i = 0; i < 50; i++) {
			long now = offset(url);
			if (now == last && now > 0) {
				return now;
			}
			last = now;
			Thread.sleep(200);
		}
		return last;
	}

	private HttpResponse<byte[]> get(String url, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(url));
		headers.forEach(request::header);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static List<Class<? extends Directory>> directoriesOf(byte[] bytes) throws Exception {
		List<Class<? extends Directory>> found = new java.util.ArrayList<>();
		ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes)).getDirectories().forEach(d -> found.add(d.getClass()));
		return found;
	}

	@SuppressWarnings("unchecked")
	private static Class<Map<String, Object>> mapType() {
		return (Class<Map<String, Object>>) (Class<?>) Map.class;
	}

}
