package org.comptoir.api.graphql;

import org.comptoir.api.support.Api;
import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client sends, the answer carries a contract code and nothing of the server's insides. */
@IntegrationTest
class ErrorResponsesIntegrationTests {

	@LocalServerPort
	int port;

	private String post(String body) {
		return new Api(port).http().post().uri("/graphql")
			.header("X-Tenant", "senegal")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	@Test
	void brokenRequestsRevealNothingOfTheServer() {
		for (String body : new String[] { "{\"query\": \"{ tenant { slug \"}", "{\"query\": \"{ nope }\"}",
				"{\"query\": \"{ node(id: \\\"Zm9vOmJhcg\\\") { id } }\"}",
				"{\"query\": \"mutation($d: DateTime!) { createListing(input: {kind: OFFER, title: \\\"x\\\", hsCode: \\\"0801\\\", expiresAt: $d}) { userErrors { code } } }\", \"variables\": {\"d\": \"yesterday\"}}" }) {
			String response = post(body);
			assertThat(response).as(body).contains("\"code\":\"BAD_USER_INPUT\"")
				.doesNotContain("Exception", "at org.", "at java.", "SELECT", "java.lang");
		}
	}

	@Test
	void nonJsonBodyIsRefusedWithoutStackTrace() {
		String response = post("this is not json");
		assertThat(response == null ? "" : response).doesNotContain("at org.", "at java.", "Exception:");
	}

}
