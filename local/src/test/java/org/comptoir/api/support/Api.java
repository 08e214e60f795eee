package org.comptoir.api.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.graphql.support.DocumentSource;
import org.springframework.graphql.support.ResourceDocumentSource;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Real HTTP clients for the API under test: one GraphQL tester per chamber and user, sending the
 * contract's operations ({@link #CONTRACT}, the one copy) and the tests' own documents
 * ({@code src/test/resources/graphql-test}).
 */
public final class Api {

	/** The portal contract, owned by the schema module: {@code portal.graphqls} and {@code operations/}. */
	public static final Path CONTRACT = Path.of("..", "schema", "contract").toAbsolutePath().normalize();

	/** Where a document name is looked up: the tests' documents, then the contract's operations. */
	public static final DocumentSource DOCUMENTS = new ResourceDocumentSource(
			List.of(new ClassPathResource("graphql-test/"), new FileSystemResource(CONTRACT.resolve("operations") + "/")),
			ResourceDocumentSource.FILE_EXTENSIONS);

	private final int port;

	public Api(int port) {
		this.port = port;
	}

	public WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
	}

	/** Anonymous, no chamber named. */
	public HttpGraphQlTester anonymous() {
		return tester(http().mutate().baseUrl("http://localhost:" + port + "/graphql").build());
	}

	/** Anonymous, chamber named by {@code X-Tenant}. */
	public HttpGraphQlTester chamber(String slug) {
		return anonymous().mutate().header("X-Tenant", slug).build();
	}

	/** Signed in with a bearer token, chamber named by {@code X-Tenant} (null: none). */
	public HttpGraphQlTester as(String slug, String accessToken) {
		HttpGraphQlTester.Builder<?> builder = anonymous().mutate().header("Authorization", "Bearer " + accessToken);
		if (slug != null) {
			builder.header("X-Tenant", slug);
		}
		return builder.build();
	}

	/** A tester over this client that finds documents by name in {@link #DOCUMENTS}. */
	/**
	 * The same document, its first root field under {@code @include(if: true)}: the same answer, which
	 * the compiled path (a page written in one pass) leaves to graphql-java, field by field.
	 */
	public static String fieldByField(String document) {
		int operation = document.indexOf('{');
		int rootSelection = document.indexOf('{', operation + 1);
		return document.substring(0, rootSelection) + "@include(if: true) " + document.substring(rootSelection);
	}

	public static HttpGraphQlTester tester(WebTestClient client) {
		return HttpGraphQlTester.builder(client.mutate()).documentSource(DOCUMENTS).build();
	}

	public int port() {
		return port;
	}

}
