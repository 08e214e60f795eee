package org.comptoir.api.protection;

import org.comptoir.api.support.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.RawGraphQl;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few thousand malformed or random documents, variables and bodies (seeded: a failure replays
 * with {@code -Dfuzz.seed=...}): never a 5xx, never a stack trace or SQL, always a GraphQL response
 * whose errors carry a contract code.
 */
@IntegrationTest
class FuzzIntegrationTests extends Chambers {

	private static final int CASES = 3000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> CODES = Set.of("UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT",
			"TENANT_NOT_FOUND", "TENANT_MISMATCH", "QUERY_TOO_COMPLEX", "RATE_LIMITED", "INTERNAL");

	private static final String[] TOKENS = { "{", "}", "(", ")", "[", "]", ":", "$", "@", "...", "!", "=", "|", "&",
			"query", "mutation", "subscription", "fragment", "on", "tenant", "tenants", "listings", "members", "member",
			"node", "id", "first", "after", "slug", "edges", "totalCount", "__schema", "__type", "__typename", "true",
			"false", "null", "0", "1", "-1", "99999999999999999999", "1.5e308", "\"x\"", "\"\\u0000\"", "\"\"\"block\"\"\"",
			"#comment\n", "$first", "Int", "String!", "ID!", "input", "createListing", "kind", "OFFER", "hsCode", "@skip",
			"@include(if: true)", "listing(id: \"x\")", "hsCodes(query: \"caf\")", "viewer", "facets", "\n", "," };

	private static final String CHARS = "{}()[]:$@!=|&.,\"\\#\n\t abcxyzQMF019_-+é中🙂\u0000\u001f\u2028";

	private final Random random = new Random(Long.getLong("fuzz.seed", 20261123L));

	@Test
	void randomAndBrokenRequestsGetGraphQlAnswersWithoutInsides() throws IOException {
		List<String> documents = new ArrayList<>();
		for (Path dir : List.of(Api.CONTRACT.resolve("operations"), Path.of("src/test/resources/graphql-test"))) {
			try (Stream<Path> files = Files.list(dir)) {
				for (Path file : files.sorted().toList()) {
					documents.add(Files.readString(file));
				}
			}
		}
		RawGraphQl senegal = new RawGraphQl(port).header("X-Tenant", "senegal");
		RawGraphQl nowhere = new RawGraphQl(port);
		Map<String, Integer> statuses = new LinkedHashMap<>();
		for (int i = 0; i < CASES; i++) {
			String body = body(documents);
			RawGraphQl client = random.nextInt(10) == 0 ? nowhere : senegal;
			RawGraphQl.Reply reply = client.post(body);
			statuses.merge(Integer.toString(reply.status()), 1, Integer::sum);
			String what = "case " + i + ", body " + abbreviate(body) + " -> " + reply.status() + " " + abbreviate(reply.text());
			assertThat(reply.status()).as(what).isLessThan(500);
			assertThat(reply.text()).as(what).doesNotContain("\tat ", "at org.", "at java.", "java.lang.", "Exception:",
					"org.springframework", "SQLState", "SELECT ", "stackTrace", "trace");
			assertThat(reply.text()).as(what).startsWith("{");
			Map<String, Object> json = reply.json();
			assertThat(json.containsKey("data") || json.containsKey("errors")).as(what).isTrue();
			assertThat(json.keySet()).as(what).isSubsetOf("data", "errors", "extensions");
			for (Map<String, Object> error : reply.errors()) {
				assertThat(error.get("message")).as(what).isInstanceOf(String.class);
				assertThat(error.get("extensions")).as(what).isInstanceOf(Map.class);
				assertThat(CODES).as(what).contains((String) ((Map<?, ?>) error.get("extensions")).get("code"));
			}
		}
		System.out.println("Fuzz: " + CASES + " requests, statuses " + statuses);
		assertThat(senegal.query("{ tenant { slug } }").data("tenant.slug")).isEqualTo("senegal");
	}

	private String body(List<String> documents) {
		int kind = random.nextInt(100);
		if (kind < 5) {
			return garbage(random.nextInt(100)); // not JSON at all
		}
		if (kind < 15) {
			Map<String, Object> odd = new LinkedHashMap<>();
			odd.put("query", randomJson(3));
			odd.put("variables", randomJson(3));
			return JSON.writeValueAsString(odd);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		String document = kind < 35 ? garbage(random.nextInt(200)) : kind < 60 ? tokenSoup() : kind < 85
				? mutate(documents.get(random.nextInt(documents.size()))) : documents.get(random.nextInt(documents.size()));
		body.put("query", document);
		if (random.nextBoolean()) {
			body.put("variables", variables());
		}
		if (random.nextInt(5) == 0) {
			body.put("operationName", random.nextBoolean() ? garbage(10) : randomJson(1));
		}
		return JSON.writeValueAsString(body);
	}

	private String garbage(int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.appendCodePoint(CHARS.codePointAt(CHARS.offsetByCodePoints(0, random.nextInt(CHARS.codePointCount(0, CHARS.length())))));
		}
		return text.toString();
	}

	private String tokenSoup() {
		StringBuilder text = new StringBuilder();
		for (int i = 0, n = 1 + random.nextInt(60); i < n; i++) {
			text.append(TOKENS[random.nextInt(TOKENS.length)]).append(' ');
		}
		return text.toString();
	}

	private String mutate(String document) {
		StringBuilder text = new StringBuilder(document);
		for (int i = 0, n = 1 + random.nextInt(5); i < n && text.length() > 0; i++) {
			int at = random.nextInt(text.length());
			switch (random.nextInt(4)) {
				case 0 -> text.deleteCharAt(at);
				case 1 -> text.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
				case 2 -> text.insert(at, text.substring(at, Math.min(text.length(), at + random.nextInt(40))));
				default -> text.setCharAt(at, CHARS.charAt(random.nextInt(CHARS.length() - 3)));
			}
		}
		return text.toString();
	}

	private Map<String, Object> variables() {
		Map<String, Object> variables = new LinkedHashMap<>();
		for (String name : List.of("input", "id", "first", "after", "query", "filter", "locale", "d", "sort")) {
			if (random.nextInt(3) == 0) {
				variables.put(name, randomJson(4));
			}
		}
		return variables;
	}

	private Object randomJson(int depth) {
		int kind = random.nextInt(depth <= 0 ? 6 : 8);
		return switch (kind) {
			case 0 -> null;
			case 1 -> random.nextBoolean();
			case 2 -> random.nextInt(3) == 0 ? Long.MAX_VALUE : random.nextInt() - random.nextInt();
			case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
			case 4 -> garbage(random.nextInt(30));
			case 5 -> List.of("OFFER", "REQUEST", "NEWEST", "fr", "SN", "XOF", "2026-11-23T10:15:00Z", "0901").get(random.nextInt(8));
			case 6 -> {
				List<Object> list = new ArrayList<>();
				for (int i = 0, n = random.nextInt(4); i < n; i++) {
					list.add(randomJson(depth - 1));
				}
				yield list;
			}
			default -> {
				Map<String, Object> map = new LinkedHashMap<>();
				for (int i = 0, n = random.nextInt(5); i < n; i++) {
					String key = List.of("kind", "title", "hsCode", "amount", "currency", "value", "unit", "locale", "kinds",
							"scope", "memberId", "listingId", "version", "name", "country", "idempotencyKey").get(random.nextInt(16));
					map.put(key, randomJson(depth - 1));
				}
				yield map;
			}
		};
	}

	private static String abbreviate(String text) {
		return text.length() <= 300 ? text : text.substring(0, 300) + "…";
	}

}
