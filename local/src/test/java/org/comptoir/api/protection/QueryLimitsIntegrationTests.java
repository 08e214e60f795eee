package org.comptoir.api.protection;

import java.util.Map;

import graphql.introspection.IntrospectionQuery;
import org.comptoir.api.database.SqlStatements;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.RawGraphQl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Every limit refuses before execution, with QUERY_TOO_COMPLEX and a message naming it; no name gets around one. */
@IntegrationTest
class QueryLimitsIntegrationTests extends Chambers {

	@Autowired
	SqlStatements statements;

	private RawGraphQl senegal() {
		return new RawGraphQl(port).header("X-Tenant", "senegal");
	}

	/** Nested listings, {@code levels} times: 4 fields deep per level, plus the id at the bottom. */
	private static String nested(int levels) {
		StringBuilder open = new StringBuilder();
		StringBuilder close = new StringBuilder();
		for (int i = 0; i < levels; i++) {
			open.append(i == 0 ? "listings(first: 1) { edges { node { " : "member { listings(first: 1) { edges { node { ");
			close.append(i == 0 ? " } } }" : " } } } }");
		}
		return open + "id" + close;
	}

	private void assertRefused(RawGraphQl.Reply reply, String limit) {
		assertThat(reply.code()).as(reply.text()).isEqualTo("QUERY_TOO_COMPLEX");
		assertThat(reply.message()).contains(limit);
		assertThat(reply.errors().get(0).get("extensions")).asString().contains("limit=" + limit);
		assertThat(reply.json().get("data")).isNull();
	}

	@Test
	void tooDeepIsRefusedBeforeAnySql() {
		long before = statements.total();
		RawGraphQl.Reply reply = senegal().query("{ " + nested(4) + " }"); // 16 fields deep
		assertRefused(reply, "maxDepth");
		assertThat(reply.message()).contains("16 fields deep", "15");
		assertThat(statements.total()).as("nothing ran").isEqualTo(before);
		assertThat(senegal().query("{ " + nested(3) + " }").errors()).as("12 deep is fine").isEmpty();
	}

	@Test
	void pageSizesMultiplyIntoTheCost() {
		String twoLevels = "{ listings(first: 100) { edges { node { member { listings(first: 100) { edges { node { id } } } } } } } }";
		RawGraphQl.Reply reply = senegal().query(twoLevels);
		assertRefused(reply, "maxCost");
		assertThat(reply.message()).contains("costs 30301", "5000"); // Member.listings costs its page for each member
		assertThat(senegal().query(twoLevels.replace("100", "10")).errors()).as("10 x 10 is fine").isEmpty();
	}

	@Test
	void firstOverAConnectionsMaximumIsRefusedNotCapped() {
		assertRefused(senegal().query("{ listings(first: 101) { totalCount } }"), "maxPageSize");
		RawGraphQl.Reply byVariable = senegal().query("query($n: Int) { members(first: $n) { totalCount } }", Map.of("n", 5000));
		assertRefused(byVariable, "maxPageSize");
		assertThat(byVariable.message()).contains("first: 5000 on Query.members", "100");
		assertRefused(senegal().query("{ hsCodes(query: \"coffee\", first: 51) { code } }"), "maxPageSize");
		assertThat(senegal().query("{ listings(first: 100) { totalCount } }").errors()).isEmpty();
	}

	@Test
	void aliasBombIsRefusedBeforeAnySql() {
		StringBuilder bomb = new StringBuilder("{");
		for (int i = 0; i < 1000; i++) {
			bomb.append(" a").append(i).append(": tenant { slug }");
		}
		long before = statements.total();
		RawGraphQl.Reply reply = senegal().query(bomb.append(" }").toString());
		assertThat(reply.code()).isEqualTo("QUERY_TOO_COMPLEX");
		assertThat(reply.message()).containsAnyOf("maxDocumentLength", "maxTokens", "maxAliases");
		assertThat(statements.total()).isEqualTo(before);

		StringBuilder some = new StringBuilder("{");
		for (int i = 0; i < 31; i++) {
			some.append(" a").append(i).append(": tenant { slug }");
		}
		RawGraphQl.Reply aliases = senegal().query(some.append(" }").toString());
		assertRefused(aliases, "maxAliases");
		assertThat(aliases.message()).contains("31 aliases", "30");
	}

	@Test
	void connectionsReadPerParentCostTheirRealWork() {
		// no edges selected, yet each listing's matches score their candidates and each member reads its page
		RawGraphQl.Reply matches = senegal().query("{ listings(first: 30) { edges { node { matches(first: 1) { pageInfo { hasNextPage } } } } } }");
		assertRefused(matches, "maxCost");
		assertThat(matches.message()).contains("costs 6121");
		RawGraphQl.Reply pages = senegal().query("{ members(first: 100) { edges { node { listings(first: 50) { totalCount } } } } }");
		assertRefused(pages, "maxCost");
		assertThat(senegal().query("{ listings(first: 5) { edges { node { matches(first: 5) { pageInfo { hasNextPage } } } } } }").errors())
			.as("a few listings' matches are fine").isEmpty();
	}

	@Test
	void entitiesOverTheirLimitAreRefusedBeforeAnySql() {
		java.util.List<Map<String, Object>> representations = new java.util.ArrayList<>();
		for (int i = 0; i < 201; i++) {
			representations.add(Map.of("__typename", "Tenant", "id", "VGVuYW50Ong="));
		}
		long before = statements.total();
		RawGraphQl.Reply reply = senegal().query("query($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
				Map.of("r", representations));
		assertRefused(reply, "maxEntities");
		assertThat(reply.message()).contains("201 representations", "200");
		assertThat(statements.total()).as("nothing loaded").isEqualTo(before);
	}

	@Test
	void searchFiltersAndTextAreBounded() {
		RawGraphQl.Reply longText = senegal().query("query($q: String) { listings(query: $q) { totalCount } }", Map.of("q", "x".repeat(201)));
		assertThat(longText.code()).isEqualTo("BAD_USER_INPUT");
		java.util.List<String> prefixes = java.util.stream.IntStream.range(10, 61).mapToObj(String::valueOf).toList();
		RawGraphQl.Reply manyPrefixes = senegal().query("query($f: ListingFilter) { listings(filter: $f) { totalCount } }",
				Map.of("f", Map.of("hsCodePrefixes", prefixes)));
		assertThat(manyPrefixes.code()).as(manyPrefixes.text()).isEqualTo("BAD_USER_INPUT");
		assertThat(manyPrefixes.message()).contains("50");
		RawGraphQl.Reply directory = senegal().query("query($q: String) { members(query: $q) { totalCount } }", Map.of("q", "x".repeat(201)));
		assertThat(directory.code()).as(directory.text()).isEqualTo("BAD_USER_INPUT");
	}

	@Test
	void repeatedDirectivesAreRefused() {
		String directives = " @include(if: true)".repeat(31);
		assertRefused(senegal().query("{ tenant { slug" + directives + " } }"), "maxDirectives");
	}

	@Test
	void tooManyTokensAndTooLongDocumentsAreRefused() {
		assertRefused(senegal().query("{ tenant { " + "slug ".repeat(3100) + "} }"), "maxTokens");
		RawGraphQl.Reply huge = senegal().query("{ tenant { slug } }" + " ".repeat(25_000));
		assertRefused(huge, "maxDocumentLength");
	}

	@Test
	void namingAnOperationOrFragmentLikeIntrospectionBypassesNothing() {
		assertRefused(senegal().query("query IntrospectionQuery { " + nested(4) + " }"), "maxDepth");
		assertRefused(senegal().query("query __schema { " + nested(4) + " }"), "maxDepth");
		assertRefused(senegal().query("query { ...__schema } fragment __schema on Query { " + nested(4) + " }"), "maxDepth");
		StringBuilder aliases = new StringBuilder("query IntrospectionQuery { __schema { queryType { name } }");
		for (int i = 0; i < 31; i++) {
			aliases.append(" a").append(i).append(": __typename");
		}
		assertRefused(senegal().query(aliases.append(" }").toString()), "maxAliases");
		assertRefused(senegal().query("query IntrospectionQuery { ...__schema } fragment __schema on Query { "
				+ "listings(first: 100) { edges { node { member { listings(first: 100) { edges { node { id } } } } } } } }"), "maxCost");
	}

	@Test
	void fragmentsSpreadingFragmentsAreMeasuredOnceEach() {
		StringBuilder document = new StringBuilder("{ ...F0 } fragment F20 on Query { tenant { slug } }");
		for (int i = 0; i < 20; i++) {
			document.append(" fragment F").append(i).append(" on Query { ...F").append(i + 1).append(" ...F").append(i + 1).append(" }");
		}
		long started = System.nanoTime();
		RawGraphQl.Reply reply = senegal().query(document.toString());
		assertThat(System.nanoTime() - started).as("2^20 expansions would take far longer").isLessThan(5_000_000_000L);
		assertThat(reply.status()).isLessThan(500);
	}

	@Test
	void introspectionOfGoodFaithWorksAndBombsAreRefused() {
		RawGraphQl.Reply introspection = senegal().query(IntrospectionQuery.INTROSPECTION_QUERY);
		assertThat(introspection.errors()).as(introspection.text()).isEmpty();
		assertThat(introspection.data("__schema.queryType.name")).isEqualTo("Query");

		RawGraphQl.Reply bomb = senegal().query(
				"{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }");
		assertThat(bomb.code()).as(bomb.text()).isEqualTo("QUERY_TOO_COMPLEX");
	}

	@Test
	void unknownFieldsGetNoSuggestions() {
		RawGraphQl.Reply reply = senegal().query("{ tenat { slug } listngs { totalCount } }");
		assertThat(reply.code()).isEqualTo("BAD_USER_INPUT");
		assertThat(reply.text()).doesNotContainIgnoringCase("did you mean");
	}

}
