package org.comptoir.api.graphql.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** GraphQL over HTTP as clients send it: methods, media types and their status codes, batches, APQ, gzip. */
@IntegrationTest
class GraphQlHttpIntegrationTests {

	private static final String JSON = "application/json";

	private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	private HttpResponse<String> post(String accept, String body) {
		return send(HttpRequest.newBuilder(uri("")).header("Content-Type", JSON).header("Accept", accept)
			.header("X-Tenant", "senegal").POST(HttpRequest.BodyPublishers.ofString(body)).build());
	}

	private HttpResponse<String> get(String accept, String... params) {
		StringBuilder query = new StringBuilder("?");
		for (int i = 0; i < params.length; i += 2) {
			query.append(i == 0 ? "" : "&").append(params[i]).append('=').append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
		}
		return send(HttpRequest.newBuilder(uri(query.toString())).header("Accept", accept).header("X-Tenant", "senegal").GET().build());
	}

	private URI uri(String query) {
		return URI.create("http://localhost:" + port + "/graphql" + query);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void graphQlResponseMediaTypeUses400ForRequestErrorsAndJsonUses200() {
		String invalid = "{\"query\": \"{ noSuchField }\"}";
		HttpResponse<String> spec = post(GRAPHQL_RESPONSE, invalid);
		assertThat(spec.statusCode()).isEqualTo(400);
		assertThat(spec.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(GRAPHQL_RESPONSE));
		assertThat(spec.body()).contains("\"code\":\"BAD_USER_INPUT\"").doesNotContain("\"data\"");

		HttpResponse<String> legacy = post(JSON, invalid);
		assertThat(legacy.statusCode()).isEqualTo(200);
		assertThat(legacy.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(JSON));
		assertThat(legacy.body()).contains("\"code\":\"BAD_USER_INPUT\"");

		HttpResponse<String> ok = post(GRAPHQL_RESPONSE, "{\"query\": \"{ tenant { slug } }\"}");
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(ok.body()).isEqualTo("{\"data\":{\"tenant\":{\"slug\":\"senegal\"}}}");
	}

	@Test
	void getRunsQueriesButRefusesMutationsWith405() {
		HttpResponse<String> query = get(GRAPHQL_RESPONSE, "query", "query Shell($n: Int) { tenant { slug } members(first: $n) { totalCount } }",
				"operationName", "Shell", "variables", "{\"n\": 1}");
		assertThat(query.statusCode()).isEqualTo(200);
		assertThat(query.body()).contains("\"slug\":\"senegal\"");

		HttpResponse<String> mutation = get(GRAPHQL_RESPONSE, "query",
				"mutation { updateBranding(input: {displayName: \"Hijacked\"}) { userErrors { code } } }");
		assertThat(mutation.statusCode()).isEqualTo(405);
		assertThat(mutation.headers().firstValue("Allow")).hasValue("POST");
		assertThat(mutation.body()).contains("GET runs queries only");
	}

	@Test
	void batchesAreRefusedClearly() {
		HttpResponse<String> batch = post(JSON, "[{\"query\": \"{ tenant { slug } }\"}, {\"query\": \"{ tenants { slug } }\"}]");
		assertThat(batch.statusCode()).isEqualTo(400);
		assertThat(batch.body()).contains("Batched requests", "\"code\":\"BAD_USER_INPUT\"");
	}

	@Test
	void malformedRequestsAreRefusedBeforeExecution() {
		assertThat(post(JSON, "{\"query\": 42}").statusCode()).isEqualTo(400);
		assertThat(post(JSON, "{\"query\": \"{ tenant { slug } }\", \"variables\": [1]}").statusCode()).isEqualTo(400);
		assertThat(post(JSON, "{ not json").statusCode()).isEqualTo(400);
		assertThat(post(JSON, "{\"qeury\": \"{ tenant { slug } }\"}").body()).contains("No 'query'");
		HttpResponse<String> text = send(HttpRequest.newBuilder(uri("")).header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}")).build());
		assertThat(text.statusCode()).isEqualTo(415);
		assertThat(get("text/html", "query", "{ __typename }").statusCode()).isEqualTo(406);
		String huge = "{\"query\": \"{ tenant { slug } }\", \"variables\": {\"padding\": \"" + "x".repeat(300 * 1024) + "\"}}";
		assertThat(post(JSON, huge).statusCode()).isEqualTo(413);
	}

	@Test
	void persistedQueriesAreRegisteredOnceTheirHashIsCheckedThenRunByHashOverGet() {
		String document = "query PersistedShell { tenant { slug defaultLocale } }";
		String hash = sha256(document);
		String byHash = "{\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"" + hash + "\"}}";

		HttpResponse<String> unknown = post(JSON, "{\"extensions\": " + byHash + "}");
		assertThat(unknown.statusCode()).isEqualTo(200);
		assertThat(unknown.body()).contains("\"message\":\"PersistedQueryNotFound\"", "\"code\":\"NOT_FOUND\"");

		String forged = "{\"query\": \"mutation { updateBranding(input: {}) { userErrors { code } } }\", \"extensions\": " + byHash + "}";
		HttpResponse<String> mismatch = post(JSON, forged);
		assertThat(mismatch.statusCode()).isEqualTo(400);
		assertThat(mismatch.body()).contains("provided sha does not match query");
		assertThat(post(JSON, "{\"extensions\": " + byHash + "}").body()).contains("PersistedQueryNotFound");

		HttpResponse<String> registered = post(GRAPHQL_RESPONSE,
				"{\"query\": \"" + document + "\", \"extensions\": " + byHash + "}");
		assertThat(registered.body()).isEqualTo("{\"data\":{\"tenant\":{\"slug\":\"senegal\",\"defaultLocale\":\"fr\"}}}");

		HttpResponse<String> overGet = get(GRAPHQL_RESPONSE, "extensions", byHash);
		assertThat(overGet.statusCode()).isEqualTo(200);
		assertThat(overGet.body()).isEqualTo(registered.body());

		// a mutation registered over POST still cannot run by its hash over GET
		String mutation = "mutation { updateBranding(input: {}) { userErrors { code } } }";
		String mutationHash = "{\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"" + sha256(mutation) + "\"}}";
		assertThat(post(JSON, "{\"query\": \"" + mutation + "\", \"extensions\": " + mutationHash + "}").body())
			.contains("\"code\":\"UNAUTHENTICATED\"");
		HttpResponse<String> mutationOverGet = get(JSON, "extensions", mutationHash);
		assertThat(mutationOverGet.statusCode()).isEqualTo(405);
		assertThat(mutationOverGet.headers().firstValue("Allow")).hasValue("POST");
	}

	@Test
	void largeResponsesAreGzipped() throws IOException {
		HttpResponse<byte[]> response;
		try {
			response = http.send(HttpRequest.newBuilder(uri("")).header("Content-Type", JSON).header("Accept", GRAPHQL_RESPONSE)
				.header("Accept-Encoding", "gzip").header("X-Tenant", "senegal")
				.POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ members(first: 50) { edges { node { id name legalName city website } } } }\"}"))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
		byte[] json;
		try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
			json = gzip.readAllBytes();
		}
		assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"data\":{\"members\":{\"edges\":[");
		assertThat(response.body().length).isLessThan(json.length / 2);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
