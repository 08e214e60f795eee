package org.comptoir.api.performance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.comptoir.api.database.SqlStatements;
import org.comptoir.api.support.AppInstance;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broad search, one that reaches the count cap, is ranked once and paged from that ranking: an
 * instance with a cap of 4 stands for the network-sized case with the demo data ("cafe" matches 9
 * listings across the network).
 */
@IntegrationTest
class CappedSearchIntegrationTests extends Chambers {

	private static AppInstance capped;

	@BeforeAll
	static void start() {
		capped = AppInstance.start(List.of(), "comptoir.search.count-cap=4");
	}

	@AfterAll
	static void stop() {
		capped.close();
	}

	private HttpGraphQlTester senegal() {
		return capped.api().chamber("senegal");
	}

	private GraphQlTester.Response cafe(int first, String after) {
		return senegal().documentName("MarketplaceSearch").variable("query", "cafe").variable("first", first).variable("after", after)
			.variable("filter", Map.of("scope", "NETWORK")).execute();
	}

	@Test
	void broadResultsAreCappedAndPagedFromOneRankingWithoutGapsOrRepeats() {
		int all = anonymous("senegal").documentName("MarketplaceSearch").variable("query", "cafe")
			.variable("filter", Map.of("scope", "NETWORK")).execute()
			.path("listings.totalCount").entity(Integer.class).get();
		assertThat(all).as("matches of the demo data, counted exactly with the default cap").isGreaterThan(5);

		GraphQlTester.Response one = cafe(10, null);
		one.path("listings.totalCount").entity(Integer.class).isEqualTo(4);
		senegal().document("{ listings(query: \"cafe\", filter: { scope: NETWORK }) { totalCountIsExact } }").execute()
			.path("listings.totalCountIsExact").entity(Boolean.class).isEqualTo(false);
		List<String> inOnePage = one.path("listings.edges[*].node.id").entityList(String.class).get();
		assertThat(inOnePage).as("the cap's matches plus one are ranked").hasSize(5);

		List<String> walked = new ArrayList<>();
		String after = null;
		long before = capped.bean(SqlStatements.class).total();
		int pages = 0;
		do {
			GraphQlTester.Response page = cafe(2, after);
			walked.addAll(page.path("listings.edges[*].node.id").entityList(String.class).get());
			after = page.path("listings.pageInfo.hasNextPage").entity(Boolean.class).get()
					? page.path("listings.pageInfo.endCursor").entity(String.class).get() : null;
			pages++;
		}
		while (after != null);
		assertThat(walked).as("pages of 2 cut from the same ranking").containsExactlyElementsOf(inOnePage);
		long perPage = (capped.bean(SqlStatements.class).total() - before) / pages;
		assertThat(perPage).as("counts and ranking reused: the rows by key, the chamber and the companies").isLessThanOrEqualTo(5);
	}

}
