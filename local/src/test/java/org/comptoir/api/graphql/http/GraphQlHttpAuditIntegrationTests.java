package org.comptoir.api.graphql.http;

import java.time.Duration;

import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.NodeTools;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The graphql-http package's server audit, the GraphQL-over-HTTP spec's own checks, against the live API. */
@IntegrationTest
class GraphQlHttpAuditIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void everyGraphQlOverHttpAuditPassesMustShouldAndMayAlike() {
		NodeTools.Result result = NodeTools.node(Duration.ofMinutes(1), "http-audit.mjs", "http://localhost:" + port + "/graphql");
		String summary = result.output().lines().filter(line -> line.startsWith("AUDIT ")).findFirst().orElse("");
		assertThat(result.exitCode()).as(result.output()).isZero();
		// graphql-http 1.23.1 (package-lock.json) has 61 audits: MUST failures are errors, SHOULD warnings, MAY notices
		assertThat(summary).as(result.output())
			.isEqualTo("AUDIT {\"total\":61,\"ok\":61,\"notice\":0,\"warn\":0,\"error\":0}");
	}

}
