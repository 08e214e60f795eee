package org.comptoir.api.support;

import java.time.Duration;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Real HTTP clients for the API under test: one GraphQL tester per chamber and user, sending the
 * documents of {@code src/test/resources/graphql-test} (the contract's operations among them).
 */
public final class Api {

	private final int port;

	public Api(int port) {
		this.port = port;
	}

	public WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
	}

	/** Anonymous, no chamber named. */
	public HttpGraphQlTester anonymous() {
		return HttpGraphQlTester.create(http().mutate().baseUrl("http://localhost:" + port + "/graphql").build());
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

	public int port() {
		return port;
	}

}
