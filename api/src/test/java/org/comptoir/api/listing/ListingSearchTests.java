package org.comptoir.api.listing;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.comptoir.api.listing.ListingSearch.SearchQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListingSearchTests {

	private static final UUID CURRENT = UUID.randomUUID();

	private static final ListingCursor AFTER = new ListingCursor(0.5f, OffsetDateTime.now(), UUID.randomUUID(), UUID.randomUUID());

	/** Every shape: browse, words newest and ranked, the typo fallback, each reach, with and without a cursor and filters. */
	private static List<SearchQuery> shapes() {
		List<SearchQuery> shapes = new ArrayList<>();
		for (String text : new String[] { null, "cafe" }) {
			for (boolean network : new boolean[] { false, true }) {
				for (boolean relevance : new boolean[] { false, true }) {
					for (ListingCursor after : new ListingCursor[] { null, AFTER }) {
						shapes.add(new SearchQuery(text, null, null, null, network, null, null, relevance && text != null, 20, after, 1000));
						shapes.add(new SearchQuery(text, List.of(ListingKind.OFFER), List.of("09", "0801"), List.of("SN", "CI"), network,
								UUID.randomUUID(), UUID.randomUUID(), relevance && text != null, 20, after, 1000));
					}
				}
			}
		}
		return shapes;
	}

	@Test
	void everyStatementHasAllItsPiecesFilled() {
		for (SearchQuery query : shapes()) {
			for (boolean fuzzy : new boolean[] { false, true }) {
				for (String sql : List.of(ListingSearch.countedPageStatement(CURRENT, query, fuzzy).toString(),
						ListingSearch.pageStatement(CURRENT, query, fuzzy).toString(), ListingSearch.rankingStatement(CURRENT, query, fuzzy).toString())) {
					assertThat(sql).doesNotContain("${").contains("FROM listing l");
				}
				assertThat(ListingSearch.countedPageStatement(CURRENT, query, fuzzy).toString()).contains("AS facets")
					.contains("member_card(l.tenant_id, l.member_id)");
			}
			List<ListingSearch.Ranked> keys = List.of(new ListingSearch.Ranked(UUID.randomUUID(), UUID.randomUUID(), OffsetDateTime.now(), 1f));
			assertThat(ListingSearch.rankedRowsStatement(CURRENT, query, keys).toString()).doesNotContain("${").contains("AS translations")
				.contains("AS company");
		}
		for (boolean all : new boolean[] { false, true }) {
			for (ListingCursor after : new ListingCursor[] { null, AFTER }) {
				assertThat(CompanyListings.memberPageStatement(CURRENT, UUID.randomUUID(), UUID.randomUUID(), all, 20, after).toString())
					.doesNotContain("${").contains("AS total").contains("member_card(l.tenant_id, l.member_id)");
			}
		}
	}

	@Test
	void aNetworkPageNewestFirstWalksTheChamberAndTheRestOfTheNetworkApart() {
		SearchQuery query = new SearchQuery(null, List.of(ListingKind.OFFER), null, null, true, null, null, false, 20, null, 1000);
		String sql = ListingSearch.pageStatement(CURRENT, query, false).toString();
		assertThat(sql).contains("UNION ALL").contains("l.visibility = 'NETWORK' AND l.tenant_id <> :current")
			.contains("l.kind = :kinds").doesNotContain("= ANY(:kinds)");
	}

	@Test
	void theTypoFallbackScoresOnlyCandidatesFoundByPrefix() {
		SearchQuery query = new SearchQuery("cafee", null, null, null, true, null, null, true, 20, null, 1000);
		assertThat(ListingSearch.pageStatement(CURRENT, query, true).toString()).contains("l.search @@ q.prefixes LIMIT :fuzzyCandidates")
			.contains("word_similarity(q.plain, l.search_text) >= 0.45");
	}

}
