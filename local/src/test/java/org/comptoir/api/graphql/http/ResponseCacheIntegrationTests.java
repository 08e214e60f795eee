package org.comptoir.api.graphql.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import org.comptoir.api.database.SqlStatements;
import org.comptoir.api.support.Api;
import org.comptoir.api.support.AppInstance;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache of anonymous public pages, on an instance of its own with the cache on (the
 * shared one has it off): writes go through the shared instance, so every invalidation seen here
 * travelled by NOTIFY from another instance.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseCacheIntegrationTests extends Chambers {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private AppInstance cached;

	private String marketplaceSearch;

	@BeforeAll
	void startAnInstanceWithTheCache() throws IOException {
		cached = AppInstance.start(List.of(), "comptoir.response-cache.enabled=true");
		marketplaceSearch = Files.readString(Api.CONTRACT.resolve("operations/MarketplaceSearch.graphql"));
	}

	@AfterAll
	void stop() {
		cached.close();
	}

	@Test
	void anonymousSearchServedTwiceComesFromTheCacheTheSecondTime() {
		Map<String, Object> variables = Map.of("query", "cafe", "filter", Map.of("scope", "NETWORK"), "first", 7);
		HttpResponse<String> first = post("senegal", null, marketplaceSearch, variables);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).contains("\"listings\"").doesNotContain("\"errors\"");
		assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=30, stale-while-revalidate=30");
		assertThat(first.headers().firstValue("Vary")).hasValueSatisfying(vary -> assertThat(vary)
			.contains("Authorization").contains("X-Tenant").contains("Host").contains("Accept"));
		double hits = counter("comptoir.response-cache.hits");
		// the same variables in another order are the same key; a background job may run a statement meanwhile
		Map<String, Object> reordered = new LinkedHashMap<>();
		reordered.put("first", 7);
		reordered.put("filter", Map.of("scope", "NETWORK"));
		reordered.put("query", "cafe");
		long statements = Long.MAX_VALUE;
		for (int attempt = 0; attempt < 3 && statements > 0; attempt++) {
			long before = sql().total();
			HttpResponse<String> again = post("senegal", null, marketplaceSearch, reordered);
			statements = sql().total() - before;
			assertThat(again.body()).isEqualTo(first.body());
			assertThat(again.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
		}
		assertThat(statements).as("statements of a cached answer").isZero();
		assertThat(counter("comptoir.response-cache.hits")).isGreaterThan(hits);

		// a GET of the same query shares the entry, and is what a CDN can keep
		long before = sql().total();
		HttpResponse<String> get = get("senegal", marketplaceSearch, variables);
		assertThat(get.body()).isEqualTo(first.body());
		assertThat(get.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
		assertThat(sql().total() - before).isLessThanOrEqualTo(1);
	}

	@Test
	void aClientHoldingTheAnswerGetsNotModified() {
		Map<String, Object> variables = Map.of("filter", Map.of("scope", "CHAMBER"), "first", 3);
		HttpResponse<String> first = post("maroc", null, marketplaceSearch, variables);
		String etag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(etag).matches("\"[A-Za-z0-9_-]{43}\"");

		HttpResponse<String> revalidated = send(request("maroc", null, marketplaceSearch, variables).header("If-None-Match", "W/" + etag));
		assertThat(revalidated.statusCode()).isEqualTo(304);
		assertThat(revalidated.body()).isEmpty();
		assertThat(revalidated.headers().firstValue("ETag")).hasValue(etag);
		assertThat(revalidated.headers().firstValue("Cache-Control")).hasValue("public, max-age=30, stale-while-revalidate=30");

		HttpResponse<String> otherTag = send(request("maroc", null, marketplaceSearch, variables).header("If-None-Match", "\"other\""));
		assertThat(otherTag.statusCode()).isEqualTo(200);
		assertThat(otherTag.body()).isEqualTo(first.body());
	}

	@Test
	void aListingCreatedThenClosedInTheChamberShowsOnTheNextAnonymousSearches() {
		String word = uniqueWord();
		Map<String, Object> variables = Map.of("query", word, "filter", Map.of("scope", "CHAMBER"), "sort", "NEWEST");
		assertThat(edges(post("france", null, marketplaceSearch, variables))).isEmpty();
		double invalidations = counter("comptoir.response-cache.invalidations");

		String created = as("owner", "france").documentName("CreateListing").variable("input", Map.of("kind", "OFFER",
				"title", "Lot " + word + " de démonstration", "description", "Pour le cache.", "hsCode", "090111",
				"visibility", "CHAMBER"))
			.execute()
			.path("createListing.userErrors").entityList(Object.class).hasSize(0)
			.path("createListing.listing.id").entity(String.class).get();
		awaitSearch("france", variables, ids -> ids.contains(created));
		assertThat(counter("comptoir.response-cache.invalidations")).isGreaterThan(invalidations);

		as("owner", "france").documentName("CloseListing").variable("input", Map.of("listingId", created)).execute()
			.path("closeListing.listing.status").entity(String.class).isEqualTo("CLOSED");
		awaitSearch("france", variables, ids -> !ids.contains(created));
	}

	@Test
	void aNetworkListingEndsOtherChambersPagesAChamberListingDoesNot() {
		String word = uniqueWord();
		Map<String, Object> variables = Map.of("query", word, "filter", Map.of("scope", "NETWORK"), "sort", "NEWEST");
		assertThat(edges(post("maroc", null, marketplaceSearch, variables))).isEmpty();

		// a CHAMBER listing of france: france's answers end, maroc's stays
		double chamberInvalidations = counter("comptoir.response-cache.invalidations", "chamber");
		String local = createListing(word, "CHAMBER");
		awaitCounterAbove("comptoir.response-cache.invalidations", "chamber", chamberInvalidations);
		double hits = counter("comptoir.response-cache.hits");
		assertThat(edges(post("maroc", null, marketplaceSearch, variables))).isEmpty();
		assertThat(counter("comptoir.response-cache.hits")).as("maroc's answer served from the cache").isGreaterThan(hits);

		// a NETWORK listing of france shows on maroc's network page
		String network = createListing(word, "NETWORK");
		awaitSearch("maroc", variables, ids -> ids.contains(network) && !ids.contains(local));
	}

	/** A word no listing has: "zq" and ten random letters. */
	private static String uniqueWord() {
		StringBuilder word = new StringBuilder("zq");
		new Random().ints(10, 'a', 'z' + 1).forEach(c -> word.append((char) c));
		return word.toString();
	}

	private String createListing(String word, String visibility) {
		return as("owner", "france").documentName("CreateListing").variable("input", Map.of("kind", "OFFER",
				"title", "Lot " + word + " " + visibility.toLowerCase(), "description", "Pour le cache.", "hsCode", "090111",
				"visibility", visibility))
			.execute()
			.path("createListing.userErrors").entityList(Object.class).hasSize(0)
			.path("createListing.listing.id").entity(String.class).get();
	}

	private void awaitCounterAbove(String name, String scope, double value) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (counter(name, scope) <= value && System.nanoTime() < deadline) {
			sleep();
		}
		assertThat(counter(name, scope)).as(name + " " + scope).isGreaterThan(value);
	}

	@Test
	void signedInRequestsAreNeitherCachedNorServedFromTheCache() {
		Map<String, Object> variables = Map.of("query", "cajou", "filter", Map.of("scope", "CHAMBER"), "first", 5);
		String token = token("senegal", "owner@senegal.test");
		HttpResponse<String> signedIn = post("senegal", token, marketplaceSearch, variables);
		assertThat(signedIn.headers().firstValue("Cache-Control")).hasValue("private, no-store");
		assertThat(signedIn.headers().firstValue("ETag")).isEmpty();

		// the signed-in answer was not kept: the first anonymous request runs
		long before = sql().total();
		post("senegal", null, marketplaceSearch, variables);
		assertThat(sql().total() - before).as("statements of the first anonymous request").isPositive();

		// now cached for visitors, and still not served to the signed-in
		before = sql().total();
		HttpResponse<String> again = post("senegal", token, marketplaceSearch, variables);
		assertThat(sql().total() - before).as("statements of a signed-in request").isPositive();
		assertThat(again.headers().firstValue("Cache-Control")).hasValue("private, no-store");
	}

	@Test
	void oneChambersAnswerIsNeverServedToAnother() {
		String document = "query ChamberName { tenant { slug name } }";
		for (int round = 0; round < 2; round++) {
			for (String slug : List.of("senegal", "maroc", "rwanda")) {
				HttpResponse<String> answer = post(slug, null, document, Map.of());
				assertThat(answer.body()).contains("\"slug\":\"" + slug + "\"");
			}
		}
	}

	@Test
	void anAnswerWithErrorsIsNotCached() {
		String document = "query Broken { tenant { slug } node(id: \"not-a-global-id\") { id } }";
		double hits = counter("comptoir.response-cache.hits");
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> answer = post("rwanda", null, document, Map.of());
			assertThat(answer.body()).contains("\"errors\"");
			assertThat(answer.headers().firstValue("Cache-Control")).hasValue("private, no-store");
			assertThat(answer.headers().firstValue("ETag")).isEmpty();
		}
		assertThat(counter("comptoir.response-cache.hits")).isEqualTo(hits);
	}

	/** Anonymous searches until the listing ids satisfy the condition: invalidation arrives by NOTIFY, within 10 s. */
	private void awaitSearch(String slug, Map<String, Object> variables, Predicate<List<String>> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<String> ids = edges(post(slug, null, marketplaceSearch, variables));
		while (!condition.test(ids) && System.nanoTime() < deadline) {
			sleep();
			ids = edges(post(slug, null, marketplaceSearch, variables));
		}
		assertThat(condition).as("the anonymous search after the change, ids " + ids).accepts(ids);
	}

	@SuppressWarnings("unchecked")
	private static List<String> edges(HttpResponse<String> response) {
		Map<String, Object> body = JSON.readValue(response.body(), Map.class);
		Map<String, Object> listings = (Map<String, Object>) ((Map<String, Object>) body.get("data")).get("listings");
		return ((List<Map<String, Object>>) listings.get("edges")).stream()
			.map(edge -> (String) ((Map<String, Object>) edge.get("node")).get("id"))
			.toList();
	}

	private SqlStatements sql() {
		return cached.bean(SqlStatements.class);
	}

	private double counter(String name) {
		return cached.bean(MeterRegistry.class).find(name).counters().stream().mapToDouble(c -> c.count()).sum();
	}

	private double counter(String name, String scope) {
		return cached.bean(MeterRegistry.class).find(name).tag("scope", scope).counters().stream().mapToDouble(c -> c.count()).sum();
	}

	private HttpRequest.Builder request(String slug, String token, String document, Map<String, Object> variables) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + cached.port() + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("X-Tenant", slug)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", document, "variables", variables))));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private HttpResponse<String> post(String slug, String token, String document, Map<String, Object> variables) {
		return send(request(slug, token, document, variables));
	}

	private HttpResponse<String> get(String slug, String document, Map<String, Object> variables) {
		String query = "?query=" + URLEncoder.encode(document, StandardCharsets.UTF_8) + "&variables="
				+ URLEncoder.encode(JSON.writeValueAsString(variables), StandardCharsets.UTF_8);
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + cached.port() + "/graphql" + query))
			.header("Accept", "application/json").header("X-Tenant", slug).GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
