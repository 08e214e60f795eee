package org.comptoir.api.listing;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.comptoir.api.database.Sql;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.member.MemberDirectory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.util.PropertyPlaceholderHelper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The statements of the marketplace's search, one text block per query shape, run in the caller's
 * transaction. Each is whole SQL with a few named pieces ({@code ${name}}, filled below): the words of
 * the search ({@code ${q}}), which listings it reads ({@code ${matches}}: the reach and the filters,
 * by full text or by the typo fallback), the cursor ({@code ${after}}) and the listing's columns.
 */
final class ListingSearch {

	/** What a search asks for. {@code network}: scope NETWORK; {@code relevance} sorts by rank. */
	record SearchQuery(String text, List<ListingKind> kinds, List<String> hsPrefixes, List<String> origins, boolean network,
			UUID memberTenant, UUID memberId, boolean relevance, int first, ListingCursor after, int countCap) {

		boolean hasText() {
			return text != null && !text.isBlank();
		}

		/**
		 * No words and no filter but the scope: a chamber's or the network's newest listings, whose plan
		 * is the same for every chamber (planned once per connection, {@link TenantTransactions#withGenericPlans}).
		 */
		boolean browses() {
			return !hasText() && empty(kinds) && empty(hsPrefixes) && empty(origins) && memberId == null;
		}

		private static boolean empty(List<?> values) {
			return values == null || values.isEmpty();
		}
	}

	record Row(Listing listing, Float rank) {
	}

	record FacetCount(String field, String value, int count, String titleFr, String titleEn) {
	}

	/** A listing's place in a ranked result: its key and sort values. */
	record Ranked(UUID tenantId, UUID listingId, OffsetDateTime publishedAt, float rank) {
	}

	/** A page with the counts of its whole result (up to the cap). */
	record CountedPage(List<Row> rows, List<FacetCount> facets) {
	}

	/**
	 * A page of a search: the keys of its rows ({@code ${keys}}, one of the three shapes below), then
	 * columns, translations and company ({@code member_card}, the member feature's, migration V19) for
	 * those rows only.
	 */
	private static final String ROWS = """
			SELECT ${columns}, ${keyRank} AS rank, company::text AS company
			FROM keys k JOIN listing l ON l.tenant_id = k.tenant_id AND l.listing_id = k.listing_id
			  LEFT JOIN LATERAL member_card(l.tenant_id, l.member_id) AS company ON true
			ORDER BY ${order} LIMIT :limit""";

	private static final String PAGE = """
			${q},
			${keys}
			${rows}""";

	/**
	 * A page and the counts of its whole result in one statement: total and facets over the matches up
	 * to the count cap ({@code matched}: for a ranked page the very matches it ranks, scanned once; for a
	 * newest page a scan of its own beside the page's walk down an index), as one JSON array on every
	 * row; the counts LEFT JOIN the page, so an empty page is one row of counts.
	 */
	private static final String COUNTED_PAGE = """
			${q},
			${matched}
			${keys},
			facets AS (
			  SELECT json_agg(json_build_object('field', f.field, 'value', f.value, 'count', f.n,
			                                    'titleFr', f.title_fr, 'titleEn', f.title_en)
			                  ORDER BY f.field, f.n DESC, f.value) AS facets
			  FROM (SELECT 'total' AS field, '' AS value, count(*) AS n, NULL AS title_fr, NULL AS title_en FROM matched
			        UNION ALL SELECT 'kind', kind, count(*), NULL, NULL FROM matched GROUP BY kind
			        UNION ALL SELECT 'hsChapter', h.chapter, count(*), min(c.title_fr), min(c.title_en)
			                  FROM (SELECT left(hs_code, 2) AS chapter FROM matched) h LEFT JOIN hs_code c ON c.code = h.chapter
			                  GROUP BY h.chapter
			        UNION ALL SELECT 'originCountry', origin, count(*), NULL, NULL FROM matched GROUP BY origin
			        UNION ALL SELECT 'tenant', tenant_id::text, count(*), NULL, NULL FROM matched GROUP BY tenant_id) f),
			page AS (
			  ${rows})
			SELECT page.*, facets.facets::text AS facets
			FROM facets LEFT JOIN page ON true
			ORDER BY page.rank DESC, page.published_at DESC, page.tenant_id DESC, page.listing_id DESC""";

	/** What a newest page counts: the matches up to the cap, in storage order. */
	private static final String NEWEST_MATCHED = """
			matched AS (
			  SELECT l.kind, l.hs_code, coalesce(l.origin_country, '') AS origin, l.tenant_id
			  ${matches}
			  LIMIT :cap),""";

	/**
	 * A page sorted by relevance: the matches up to the count cap (in storage order) ranked, the page's
	 * keys sorted; a broad query ranks its first 1,000 matches, not all of them.
	 */
	private static final String RANKED_KEYS = """
			matched AS MATERIALIZED (
			  SELECT l.tenant_id, l.listing_id, l.published_at, l.kind, l.hs_code, coalesce(l.origin_country, '') AS origin,
			         ${rank} AS rank
			  ${matches}
			  LIMIT :cap),
			keys AS (
			  SELECT * FROM matched c
			  ${after}
			  ORDER BY c.rank DESC, c.published_at DESC, c.tenant_id DESC, c.listing_id DESC LIMIT :limit)""";

	/** A page newest first in the chamber (browse, or words sorted NEWEST): one walk down a newest-first index. */
	private static final String CHAMBER_NEWEST_KEYS = """
			keys AS (
			  SELECT l.tenant_id, l.listing_id, l.published_at
			  ${chamberMatches}
			  ${after}
			  ORDER BY l.published_at DESC, l.tenant_id DESC, l.listing_id DESC LIMIT :limit)""";

	/**
	 * A page newest first over the network: the chamber's half and the other chambers' NETWORK half,
	 * each down its own newest-first index to the page size, then merged (one OR across both made the
	 * planner read every match before sorting).
	 */
	private static final String NETWORK_NEWEST_KEYS = """
			keys AS (
			  (SELECT l.tenant_id, l.listing_id, l.published_at
			   ${chamberMatches}
			   ${after}
			   ORDER BY l.published_at DESC, l.tenant_id DESC, l.listing_id DESC LIMIT :limit)
			  UNION ALL
			  (SELECT l.tenant_id, l.listing_id, l.published_at
			   ${otherChambersMatches}
			   ${after}
			   ORDER BY l.published_at DESC, l.tenant_id DESC, l.listing_id DESC LIMIT :limit))""";

	private static final String RANKED_ORDER = "k.rank DESC, k.published_at DESC, k.tenant_id DESC, k.listing_id DESC";

	private static final String NEWEST_ORDER = "k.published_at DESC, k.tenant_id DESC, k.listing_id DESC";

	/** A capped result's matches up to the cap (in storage order), with their rank, best first. */
	private static final String RANKING = """
			${q}
			SELECT * FROM (
			  SELECT l.tenant_id, l.listing_id, l.published_at, ${rank} AS rank
			  ${matches}
			  LIMIT :cap) ranked
			ORDER BY rank DESC, published_at DESC, tenant_id DESC, listing_id DESC""";

	/** The rows of a page cut from a capped ranking, by key; a row closed or hidden since is left out. */
	private static final String RANKED_ROWS = """
			SELECT ${columns}, company::text AS company
			FROM listing l LEFT JOIN LATERAL member_card(l.tenant_id, l.member_id) AS company ON true
			WHERE l.tenant_id = ANY(:tenants) AND l.listing_id = ANY(:ids)
			  AND l.status = 'PUBLISHED' AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now())
			  ${reach}""";

	/**
	 * The words of the search: French and English stems, accents removed; the plain text for typos, and
	 * the prefixes (first three letters of each word, any of them) that find a typo's candidates.
	 */
	private static final String WORDS = """
			WITH q AS (SELECT websearch_to_tsquery('french', immutable_unaccent(:text))
			               || websearch_to_tsquery('english', immutable_unaccent(:text)) AS query,
			                  immutable_unaccent(lower(:text)) AS plain,
			                  (SELECT to_tsquery('simple', string_agg(left(w.word, 3) || ':*', ' | '))
			                     FROM (SELECT word FROM regexp_split_to_table(immutable_unaccent(lower(:text)), '[^[:alnum:]]+') AS word
			                           WHERE length(word) >= 3 LIMIT :fuzzyWords) w) AS prefixes)""";

	private static final String NO_WORDS = "WITH q AS (SELECT NULL::tsquery AS query, NULL::text AS plain, NULL::tsquery AS prefixes)";

	/** Browsing or full text: the searchable listings of the reach, through the filters (and the words). */
	private static final String MATCHES = """
			FROM listing l, q
			WHERE l.status = 'PUBLISHED' AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now())
			  ${reach} ${filters} ${text}""";

	/**
	 * The typo fallback (no full-text match): at most {@link #FUZZY_CANDIDATES} candidates sharing a word's
	 * first three letters, found through the full-text index, then kept when close enough by trigram word
	 * similarity (0.45: compared as a function, no setting of pg_trgm's threshold for the {@code <%}
	 * operator, which no index serves here anyway, and which a read with no transaction could not keep
	 * from one statement to the next).
	 */
	private static final String FUZZY_MATCHES = """
			FROM (SELECT l.tenant_id, l.listing_id, l.published_at, l.kind, l.hs_code, l.origin_country, l.search_text
			      FROM listing l, q
			      WHERE l.status = 'PUBLISHED' AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now())
			      ${reach} ${filters}
			      AND l.search @@ q.prefixes LIMIT :fuzzyCandidates) l, q
			WHERE word_similarity(q.plain, l.search_text) >= 0.45""";

	/** The full-text match. */
	private static final String TEXT = "AND l.search @@ q.query";

	/** A match's relevance: full-text rank, or word similarity for the typo fallback. */
	private static final String RANK = "ts_rank_cd(l.search, q.query)::real";

	private static final String FUZZY_RANK = "word_similarity(q.plain, l.search_text)::real";

	private static final String AFTER_NEWEST = "AND (l.published_at, l.tenant_id, l.listing_id) < (:afterAt, :afterTenant, :afterId)";

	private static final String AFTER_RANKED = "WHERE (c.rank, c.published_at, c.tenant_id, c.listing_id) < (:afterRank::real, :afterAt, :afterTenant, :afterId)";

	/**
	 * The typo fallback scores at most this many candidates: those sharing a word's first three letters
	 * with the query, found through the full-text index (the trigram operator is not leakproof, so under
	 * row-level security it could only be checked row by row over the whole visible network).
	 */
	static final int FUZZY_CANDIDATES = 2_000;

	/** Query words the fallback looks at (their first three letters each), at most. */
	private static final int FUZZY_WORDS = 8;

	/** {@code ${name}} pieces, resolved recursively (a piece may hold others); a piece left out fails. */
	private static final PropertyPlaceholderHelper PIECES = new PropertyPlaceholderHelper("${", "}", null, null, false);

	private ListingSearch() {
	}

	/** A page and the counts of its whole result, in one statement. */
	static Mono<CountedPage> countedPage(DatabaseClient db, UUID current, SearchQuery query, boolean fuzzy, MemberDirectory cards,
			JsonMapper json) {
		return countedPageStatement(current, query, fuzzy).on(db)
			.map(row -> new Counted(row.get("listing_id", UUID.class) == null ? null : row(row, cards), row.get("facets", String.class)))
			.all()
			.collectList()
			.map(rows -> new CountedPage(rows.stream().map(Counted::row).filter(Objects::nonNull).toList(),
					json.readValue(rows.get(0).facets(), new TypeReference<List<FacetCount>>() {
					})));
	}

	/** A row of a counted page: a page's row (none on the one row of an empty page) and the counts it carries. */
	private record Counted(Row row, String facets) {
	}

	static Sql countedPageStatement(UUID current, SearchQuery query, boolean fuzzy) {
		return pageStatement(COUNTED_PAGE, current, query, fuzzy).bind("cap", query.countCap() + 1);
	}

	/** A page of results: ranked when sorted by relevance, else newest first within the reach. */
	static Flux<Row> page(DatabaseClient db, UUID current, SearchQuery query, boolean fuzzy, MemberDirectory cards) {
		return pageStatement(current, query, fuzzy).on(db).map(row -> row(row, cards)).all();
	}

	static Sql pageStatement(UUID current, SearchQuery query, boolean fuzzy) {
		Sql sql = pageStatement(PAGE, current, query, fuzzy);
		return ranked(query) ? sql.bind("cap", query.countCap() + 1) : sql;
	}

	/** A row of a page, with the company it was read with. */
	private static Row row(Readable row, MemberDirectory cards) {
		return new Row(ListingRepository.mapWithCompany(row, cards), row.get("rank", Float.class));
	}

	private static boolean ranked(SearchQuery query) {
		return query.relevance() && query.hasText();
	}

	private static Sql pageStatement(String template, UUID current, SearchQuery query, boolean fuzzy) {
		ListingCursor after = query.after();
		boolean ranked = ranked(query);
		String keys = ranked ? RANKED_KEYS : query.network() ? NETWORK_NEWEST_KEYS : CHAMBER_NEWEST_KEYS;
		Map<String, String> pieces = Map.of("keys", keys, "matched", ranked ? "" : NEWEST_MATCHED, "rows", ROWS,
				"keyRank", ranked ? "k.rank" : "NULL::real", "order", ranked ? RANKED_ORDER : NEWEST_ORDER,
				"after", after == null ? "" : ranked ? AFTER_RANKED : AFTER_NEWEST);
		Sql sql = statement(template, current, query, fuzzy, pieces).bind("limit", query.first() + 1);
		if (after != null) {
			sql.bind("afterAt", after.publishedAt()).bind("afterTenant", after.tenantId()).bind("afterId", after.listingId());
			if (ranked) {
				sql.bind("afterRank", after.rank() == null ? 0f : after.rank());
			}
		}
		return sql;
	}

	/** A capped result's ranking, best first: the order of the SQL's own ORDER BY. */
	static Mono<List<Ranked>> ranking(DatabaseClient db, UUID current, SearchQuery query, boolean fuzzy) {
		return rankingStatement(current, query, fuzzy).on(db)
			.map(row -> new Ranked(row.get("tenant_id", UUID.class), row.get("listing_id", UUID.class),
					row.get("published_at", OffsetDateTime.class), row.get("rank", Float.class)))
			.all()
			.collectList();
	}

	static Sql rankingStatement(UUID current, SearchQuery query, boolean fuzzy) {
		return statement(RANKING, current, query, fuzzy, Map.of()).bind("cap", query.countCap() + 1);
	}

	static Flux<Listing> rankedRows(DatabaseClient db, UUID current, SearchQuery query, List<Ranked> keys, MemberDirectory cards) {
		return rankedRowsStatement(current, query, keys).on(db).map(row -> ListingRepository.mapWithCompany(row, cards)).all();
	}

	static Sql rankedRowsStatement(UUID current, SearchQuery query, List<Ranked> keys) {
		return new Sql(fill(RANKED_ROWS, Map.of("columns", ListingRepository.COLUMNS, "reach", Reach.of(query).predicate())))
			.bind("current", current)
			.bind("tenants", keys.stream().map(Ranked::tenantId).distinct().toArray(UUID[]::new))
			.bind("ids", keys.stream().map(Ranked::listingId).toArray(UUID[]::new));
	}


	/** A search statement with its pieces: the words, the reach's matches, the filters, the rank. */
	private static Sql statement(String template, UUID current, SearchQuery query, boolean fuzzy, Map<String, String> more) {
		Map<String, Object> binds = new LinkedHashMap<>();
		Map<String, String> pieces = new LinkedHashMap<>(more);
		boolean hasText = query.hasText();
		pieces.put("q", hasText ? WORDS : NO_WORDS);
		pieces.put("columns", ListingRepository.COLUMNS);
		pieces.put("rank", fuzzy ? FUZZY_RANK : RANK);
		pieces.put("filters", filters(query, binds));
		pieces.put("text", hasText && !fuzzy ? TEXT : "");
		String matches = fuzzy && hasText ? FUZZY_MATCHES : MATCHES;
		pieces.put("matches", matches.replace("${reach}", Reach.of(query).predicate()));
		pieces.put("chamberMatches", matches.replace("${reach}", Reach.CHAMBER.predicate()));
		pieces.put("otherChambersMatches", matches.replace("${reach}", Reach.OTHER_CHAMBERS.predicate()));
		Sql sql = new Sql(fill(template, pieces)).bind("current", current);
		if (hasText) {
			sql.bind("text", query.text().trim()).bind("fuzzyWords", FUZZY_WORDS);
			if (fuzzy) {
				sql.bind("fuzzyCandidates", FUZZY_CANDIDATES);
			}
		}
		binds.forEach(sql::bind);
		return sql;
	}

	/** The filters of a search, each an indexed equality; their values go to {@code binds}. */
	private static String filters(SearchQuery query, Map<String, Object> binds) {
		List<String> filters = new ArrayList<>();
		if (query.kinds() != null && !query.kinds().isEmpty()) {
			filters.add(anyOf("l.kind", "kinds", query.kinds().stream().map(ListingKind::name).toList(), binds));
		}
		if (query.hsPrefixes() != null && !query.hsPrefixes().isEmpty()) {
			// 2, 4 or 6 digits: chapter, heading or subheading, each an indexed equality
			List<String> parts = new ArrayList<>();
			for (int digits : new int[] { 2, 4, 6 }) {
				List<String> codes = query.hsPrefixes().stream().filter(p -> p.length() == digits).distinct().toList();
				if (!codes.isEmpty()) {
					parts.add(anyOf(digits == 2 ? "l.hs_chapter" : digits == 4 ? "l.hs_heading" : "l.hs_code", "hs" + digits, codes, binds));
				}
			}
			filters.add("(" + String.join(" OR ", parts) + ")");
		}
		if (query.origins() != null && !query.origins().isEmpty()) {
			filters.add(anyOf("l.origin_country", "origins", query.origins(), binds));
		}
		if (query.memberId() != null) {
			filters.add("l.tenant_id = :memberTenant AND l.member_id = :memberId");
			binds.put("memberTenant", query.memberTenant());
			binds.put("memberId", query.memberId());
		}
		return filters.stream().map(f -> "AND " + f).reduce((a, b) -> a + " " + b).orElse("");
	}

	/**
	 * {@code column = :name} for one value, which lets the planner walk an index in its sort order
	 * (the same index with {@code = ANY} reads every match, then sorts); {@code = ANY(:name)} for several.
	 */
	private static String anyOf(String column, String name, List<String> values, Map<String, Object> binds) {
		if (values.size() == 1) {
			binds.put(name, values.get(0));
			return column + " = :" + name;
		}
		binds.put(name, values.toArray(String[]::new));
		return column + " = ANY(:" + name + ")";
	}

	static String fill(String template, Map<String, String> pieces) {
		return PIECES.replacePlaceholders(template, pieces::get);
	}

}
