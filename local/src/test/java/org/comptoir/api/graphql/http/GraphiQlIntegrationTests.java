package org.comptoir.api.graphql.http;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.comptoir.api.support.Api;
import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** GraphiQL works on a machine with no internet access: every script and style of its page is the app's. */
@IntegrationTest
class GraphiQlIntegrationTests {

	private static final Pattern ASSET = Pattern.compile("<(?:script|link)\\b[^>]*?\\b(?:src|href)=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Test
	void graphiqlPageLoadsEveryAssetFromTheApplication() {
		Api api = new Api(port);
		String location = api.http().get().uri("/graphiql").exchange()
			.expectStatus().is3xxRedirection()
			.returnResult(Void.class).getResponseHeaders().getLocation().toString();
		String page = api.http().get().uri(location).exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		Matcher matcher = ASSET.matcher(page);
		List<String> assets = matcher.results().map(m -> m.group(1)).toList();
		assertThat(assets).as("scripts and styles of the page").hasSizeGreaterThanOrEqualTo(4)
			.allSatisfy(asset -> assertThat(asset).as("served by the app, not a CDN").startsWith("/"));
		assertThat(page).doesNotContain("https://", "http://");
		for (String asset : assets) {
			api.http().get().uri(asset).exchange().expectStatus().isOk();
		}
	}

}
