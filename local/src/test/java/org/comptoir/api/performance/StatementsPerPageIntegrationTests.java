package org.comptoir.api.performance;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.comptoir.api.database.SqlStatements;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.QuietDatabase;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every paged query of the contract costs the same number of SQL statements whatever its page size:
 * fields of the rows (companies, chambers, HS titles, translations, scores) are loaded in batches,
 * never one statement per row. Each query runs twice per size, the first to warm the caches.
 */
@IntegrationTest
@Order(1) // the cost tests run first, on the demo data alone: other classes' companies and listings change what a page holds
class StatementsPerPageIntegrationTests extends Chambers {

	private static final org.slf4j.Logger log = LoggerFactory.getLogger(StatementsPerPageIntegrationTests.class);

	@Autowired
	SqlStatements statements;

	/**
	 * Statements, then round trips, of one request of each size, after a warming request; each page must
	 * fill up: {@code {statements small, statements large, round trips small, round trips large}}. The
	 * least of two requests, so that a scheduled job's statements (the chamber list's refresh, expiry)
	 * landing in one of them do not count; a statement per row shows in both.
	 */
	private long[] statementsFor(IntFunction<GraphQlTester.Response> request, String edges, int small, int large) {
		long[] counts = { Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE };
		int[] sizes = { small, large };
		for (int i = 0; i < 2; i++) {
			request.apply(sizes[i]);
			for (int run = 0; run < 2; run++) {
				QuietDatabase.await(statements);
				long before = statements.total() - statements.readerSettings();
				long trips = statements.roundTrips() - statements.readerSettings();
				request.apply(sizes[i]).path(edges).entityList(Object.class).hasSize(sizes[i]);
				// without the reader's settings, which depend on the connection the pool hands out
				counts[i] = Math.min(counts[i], statements.total() - statements.readerSettings() - before);
				counts[2 + i] = Math.min(counts[2 + i], statements.roundTrips() - statements.readerSettings() - trips);
			}
		}
		return counts;
	}

	private void assertConstant(String query, long[] counts, long atMost) {
		assertThat(counts[1]).as("statements for the large page").isEqualTo(counts[0]);
		assertThat(counts[0]).as("statements per request").isLessThanOrEqualTo(atMost);
		assertThat(counts[3]).as("round trips for the large page").isEqualTo(counts[2]);
		// every statement is a round trip, and so is each transaction's BEGIN and COMMIT (reads have none)
		assertThat(counts[2]).as("round trips per request").isGreaterThanOrEqualTo(counts[0]);
		log.info("{}: {} statements, {} round trips per request", query, counts[0], counts[2]);
	}

	@Test
	void marketplaceSearchEveryScopeAndSort() {
		for (Map<String, Object> variables : List.<Map<String, Object>>of(
				Map.of("filter", Map.of("scope", "CHAMBER")),
				Map.of("filter", Map.of("scope", "NETWORK")),
				Map.of("query", "cafe", "filter", Map.of("scope", "NETWORK")),
				Map.of("query", "cafe", "sort", "NEWEST", "filter", Map.of("scope", "NETWORK")),
				Map.of("filter", Map.of("scope", "NETWORK", "kinds", List.of("OFFER"), "hsCodePrefixes", List.of("09", "0801"))))) {
			long[] counts = statementsFor(first -> {
				GraphQlTester.Request<?> search = anonymous("senegal").documentName("MarketplaceSearch").variable("first", first);
				variables.forEach(search::variable);
				return search.execute();
			}, "listings.edges", 1, 4);
			assertConstant("MarketplaceSearch " + variables, counts, 2);
		}
	}

	/** The reader's settings, then the page with its counts, companies and all: nothing per field. */
	@Test
	void aPageOfTwentyBringsItsCompaniesWithoutAnotherStatement() {
		for (String scope : List.of("CHAMBER", "NETWORK")) {
			Map<String, Object> filter = Map.of("scope", scope);
			long withCompanies = statementsOf(() -> anonymous("senegal").documentName("ListingsPage").variable("filter", filter)
				.variable("withCompany", true).execute().path("listings.edges[*].node.member.name").entityList(String.class).hasSize(20));
			long without = statementsOf(() -> anonymous("senegal").documentName("ListingsPage").variable("filter", filter)
				.variable("withCompany", false).execute().path("listings.edges").entityList(Object.class).hasSize(20));
			assertThat(withCompanies).as("statements with the companies, " + scope).isEqualTo(without);
			long search = statementsOf(() -> anonymous("senegal").documentName("MarketplaceSearch").variable("first", 20)
				.variable("filter", filter).execute().path("listings.edges[*].node.member.tenant.slug").entityList(String.class).hasSize(20));
			assertThat(search).as("MarketplaceSearch statements, " + scope).isLessThanOrEqualTo(2);
		}
	}

	/** A page that asks no totalCount nor facets counts nothing, and shows the same rows and pages. */
	@Test
	void aPageWithoutCountsNorFacetsSkipsTheCounting() {
		for (String scope : List.of("CHAMBER", "NETWORK")) {
			Map<String, Object> filter = Map.of("scope", scope);
			GraphQlTester.Response counted = anonymous("senegal").documentName("MarketplaceSearch").variable("first", 5)
				.variable("filter", filter).execute();
			List<String> sent = statementsSentDuring(() -> {
				GraphQlTester.Response rows = anonymous("senegal").documentName("ListingsPage").variable("first", 5)
					.variable("filter", filter).execute();
				rows.path("listings.edges[*].cursor").entityList(String.class)
					.isEqualTo(counted.path("listings.edges[*].cursor").entityList(String.class).get());
				rows.path("listings.pageInfo").entity(Map.class).isEqualTo(counted.path("listings.pageInfo").entity(Map.class).get());
			});
			assertThat(sent).as("statements of a page without counts, " + scope).isNotEmpty().noneMatch(sql -> sql.contains("json_agg"));
		}
	}

	/** Statements of a request, after a warming one: the least of two, as {@link #statementsFor}. */
	private long statementsOf(Runnable request) {
		request.run();
		long least = Long.MAX_VALUE;
		for (int run = 0; run < 2; run++) {
			long before = statements.total() - statements.readerSettings();
			request.run();
			least = Math.min(least, statements.total() - statements.readerSettings() - before);
		}
		return least;
	}

	/** The text of each statement sent while the request runs (SqlStatements logs them at TRACE). */
	private static List<String> statementsSentDuring(Runnable request) {
		Logger sql = (Logger) LoggerFactory.getLogger(SqlStatements.class);
		ListAppender<ILoggingEvent> sent = new ListAppender<>();
		sent.start();
		Level level = sql.getLevel();
		sql.setLevel(Level.TRACE);
		sql.addAppender(sent);
		try {
			request.run();
		}
		finally {
			sql.detachAppender(sent);
			sql.setLevel(level);
		}
		return sent.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	@Test
	void memberDirectory() {
		assertConstant("MemberDirectory", statementsFor(first -> as("admin", "senegal").documentName("MemberDirectory")
			.variable("first", first).execute(), "members.edges", 2, 20), 8);
	}

	/** The member with its details, whether the owner manages it, then the page with its companies. */
	@Test
	void memberProfileListings() {
		String member = anonymous("senegal").documentName("MemberDirectory").variable("first", 50).execute()
			.path("members.edges[*].node.id").entityList(String.class).get().stream()
			.filter(id -> listingCount(id) >= 4)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no senegal company with 4 listings"));
		assertConstant("MemberListingsPage", statementsFor(first -> as("owner", "senegal").documentName("MemberListingsPage").variable("id", member)
			.variable("first", first).execute(), "member.listings.edges", 1, 4), 3);
	}

	private int listingCount(String member) {
		return anonymous("senegal").documentName("MemberListingsPage").variable("id", member).variable("first", 1).execute()
			.path("member.listings.totalCount").entity(Integer.class).get();
	}

	/** The listing, its traits, its candidates, then the page's listings with their companies. */
	@Test
	void listingMatches() {
		String request = anonymous("maroc").documentName("MarketplaceSearch")
			.variable("filter", Map.of("scope", "CHAMBER", "kinds", List.of("REQUEST"), "hsCodePrefixes", List.of("0801")))
			.variable("first", 1).execute()
			.path("listings.edges[0].node.id").entity(String.class).get();
		assertConstant("ListingMatchesPage", statementsFor(first -> anonymous("maroc").documentName("ListingMatchesPage").variable("id", request)
			.variable("first", first).execute(), "listing.matches.edges", 2, 5), 4);
	}

}
