package org.comptoir.api.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import graphql.language.Document;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import org.comptoir.api.support.Api;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.NodeTools;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The schema as a product: the served SDL is the snapshot kept in the repository (so every change
 * shows in review), a superset of the portal contract with no breaking change, and every operation
 * of the contract, and of the tests, validates against it.
 */
@IntegrationTest
class SchemaIntegrationTests {

	/** The printed schema kept in the repository; regenerate it with {@link #UPDATE_COMMAND}. */
	static final Path SNAPSHOT = Path.of("..", "schema", "schema.graphqls").toAbsolutePath().normalize();

	static final String UPDATE_COMMAND = "./mvnw verify -Pschema-snapshot";

	/** An unchanged copy of the shared portal contract (schema and operations). */
	static final Path CONTRACT = Api.CONTRACT;

	@LocalServerPort
	int port;

	@Autowired
	GraphQlSource graphQlSource;

	private String servedSdl() {
		return new Api(port).http().get().uri("/graphql/schema").exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

	@Test
	void servedSchemaIsTheSnapshotInTheRepository() throws IOException {
		String served = servedSdl().replace("\r\n", "\n");
		if (Boolean.getBoolean("comptoir.schema.update")) {
			Files.writeString(SNAPSHOT, served);
		}
		String snapshot = Files.exists(SNAPSHOT) ? Files.readString(SNAPSHOT).replace("\r\n", "\n") : "";
		if (!served.equals(snapshot)) {
			fail("The served schema (/graphql/schema) differs from " + SNAPSHOT + ":\n" + firstDifference(snapshot, served)
					+ "\nIf the change is intended, regenerate the snapshot with\n\n    " + UPDATE_COMMAND
					+ "\n\nand commit schema/schema.graphqls with it.");
		}
	}

	@Test
	void servedSchemaIsASupersetOfThePortalContractWithNoBreakingChange() throws IOException {
		Path served = Files.createDirectories(Path.of("target")).resolve("served-schema.graphqls").toAbsolutePath();
		Files.writeString(served, servedSdl());
		NodeTools.Result result = NodeTools.node(Duration.ofMinutes(1), "contract-diff.mjs",
				CONTRACT.resolve("portal.graphqls").toString(), served.toString());
		assertThat(result.output()).as(result.output()).containsPattern("CONTRACT \\{\"breaking\":0,");
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@Test
	void everyContractOperationValidatesAgainstTheServedSchema() throws IOException {
		List<Path> documents = new ArrayList<>(graphqlFiles(CONTRACT.resolve("operations")));
		assertThat(documents).as("the contract's operations").hasSizeGreaterThanOrEqualTo(20);
		documents.addAll(graphqlFiles(Path.of("src", "test", "resources", "graphql-test")));
		for (Path file : documents) {
			Document document = Parser.parse(Files.readString(file, StandardCharsets.UTF_8));
			List<ValidationError> errors = new Validator().validateDocument(graphQlSource.schema(), document, Locale.ENGLISH);
			assertThat(errors).as(file.toString()).isEmpty();
		}
	}

	private static List<Path> graphqlFiles(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(f -> f.toString().endsWith(".graphql")).sorted().toList();
		}
	}

	private static String firstDifference(String expected, String actual) {
		List<String> a = expected.lines().toList();
		List<String> b = actual.lines().toList();
		int line = 0;
		while (line < a.size() && line < b.size() && a.get(line).equals(b.get(line))) {
			line++;
		}
		return "first difference at line " + (line + 1) + ":\n  snapshot: " + (line < a.size() ? a.get(line) : "(end)")
				+ "\n  served:   " + (line < b.size() ? b.get(line) : "(end)");
	}

}
