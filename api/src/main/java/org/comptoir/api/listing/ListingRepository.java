package org.comptoir.api.listing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.r2dbc.spi.Readable;
import org.comptoir.api.database.Sql;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class ListingRepository {

	/** What a search asks for. {@code scope} is CHAMBER or NETWORK; {@code relevance} sorts by rank. */
	record SearchQuery(String text, List<String> kinds, List<String> hsPrefixes, List<String> origins, boolean network,
			UUID memberTenant, UUID memberId, boolean relevance, int first, ListingCursor after, int countCap) {
	}

	record Row(Listing listing, Float rank) {
	}

	record FacetCount(String field, String value, int count, String titleFr, String titleEn) {
	}

	record SearchResult(List<Row> rows, boolean hasNext, int total, boolean exact, List<FacetCount> facets) {
	}

	record MemberPage(List<Listing> listings, boolean hasNext, int total) {
	}

	static final String COLUMNS = """
			l.tenant_id, l.listing_id, l.member_id, l.kind, l.status, l.visibility, l.locale, l.hs_code, l.quantity_value,
			l.quantity_unit, l.price_amount, l.price_currency, l.incoterm, l.origin_country, l.published_at, l.expires_at,
			l.version, l.member_active,
			(SELECT jsonb_object_agg(t.locale, jsonb_build_object('title', t.title, 'description', t.description))::text
			   FROM listing_translation t WHERE t.tenant_id = l.tenant_id AND t.listing_id = l.listing_id) AS translations""";

	/**
	 * The current chamber's own listings as the transaction's reader may see them ({@code Reader}, set
	 * by {@link TenantTransactions}): MEMBERS ones only for the chamber's members and the listing's own company.
	 */
	static final String OWN = "l.tenant_id = :current AND (l.visibility <> 'MEMBERS' OR app_reads_members() OR l.member_id = app_member_id())";

	/**
	 * The first wall (row-level security of V16 the second): the chamber's own listings ({@link #OWN}),
	 * and the network's live ones: published, not past expiry, of an active company.
	 */
	static final String VISIBLE = "((" + OWN + ") OR (l.visibility = 'NETWORK' AND l.status = 'PUBLISHED' AND l.member_active"
			+ " AND (l.expires_at IS NULL OR l.expires_at > now())))";

	/** What search can return: published, not past expiry, of an active company. */
	static final String SEARCHABLE = "l.status = 'PUBLISHED' AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now())";

	private final TenantTransactions transactions;

	private final JsonMapper mapper;

	ListingRepository(TenantTransactions transactions, JsonMapper mapper,
			@Value("${comptoir.search.capped-counts-ttl:30s}") Duration cappedCountsTtl) {
		this.transactions = transactions;
		this.mapper = mapper;
		// a few MB each: some 2 KB of facets per query, some 100 KB per ranking of 1,000 matches
		this.cappedCounts = Caffeine.newBuilder().expireAfterWrite(cappedCountsTtl).maximumSize(2_000).build();
		this.cappedRankings = Caffeine.newBuilder().expireAfterWrite(cappedCountsTtl).maximumSize(100).build();
	}

	/** A listing as visible to the reader; empty if it is not. */
	Mono<Listing> find(Reader reader, UUID tenantId, UUID listingId) {
		return transactions.mono(reader, db -> db.sql("SELECT " + COLUMNS + " FROM listing l WHERE l.tenant_id = :tenant"
				+ " AND l.listing_id = :id AND " + VISIBLE)
			.bind("tenant", tenantId)
			.bind("id", listingId)
			.bind("current", reader.tenantId())
			.map(this::map)
			.one());
	}

	Flux<Listing> findAll(Reader reader, Collection<UUID> tenantIds, Collection<UUID> listingIds) {
		return transactions.flux(reader, db -> db.sql("SELECT " + COLUMNS + " " + """
				 FROM listing l WHERE l.tenant_id = ANY(:tenants) AND l.listing_id = ANY(:ids) AND """ + " " + VISIBLE)
			.bind("tenants", tenantIds.stream().distinct().toArray(UUID[]::new))
			.bind("ids", listingIds.toArray(UUID[]::new))
			.bind("current", reader.tenantId())
			.map(this::map)
			.all());
	}

	/**
	 * Total and facets of a result that reached the count cap ("1,000 or more", {@code totalCountIsExact}
	 * false), by chamber and filter: they are a bounded sample of a broad result, the same for every
	 * page and every visitor, and the most expensive statement of a broad search or browse page. Kept
	 * for a few seconds; results under the cap are counted exactly on each request.
	 */
	private final Cache<CountKey, Counts> cappedCounts;

	private record CountKey(UUID current, boolean members, String text, List<String> kinds, List<String> hsPrefixes,
			List<String> origins, boolean network, UUID memberTenant, UUID memberId) {

		/** Members and outsiders count apart (MEMBERS listings); search shows active companies only, so not per company. */
		static CountKey of(Reader reader, SearchQuery q) {
			return new CountKey(reader.tenantId(), reader.members(), q.text() == null ? null : q.text().trim(), q.kinds(),
					q.hsPrefixes(), q.origins(), q.network(), q.memberTenant(), q.memberId());
		}
	}

	/** The counts of a search, and whether they came from the trigram fallback (no full-text match). */
	private record Counts(List<FacetCount> facets, boolean fuzzy) {

		int total() {
			return facets.stream().filter(f -> f.field().equals("total")).mapToInt(FacetCount::count).findFirst().orElse(0);
		}
	}

	Mono<SearchResult> search(Reader reader, SearchQuery query) {
		boolean hasText = query.text() != null && !query.text().isBlank();
		CountKey key = CountKey.of(reader, query);
		UUID current = reader.tenantId();
		return transactions.mono(reader, db -> {
			Counts cached = cappedCounts.getIfPresent(key);
			Mono<Counts> counts = cached != null ? Mono.just(cached) : counts(db, current, query, hasText, false)
				.flatMap(exact -> hasText && exact.total() == 0 && fuzzyPrefixes(query.text())
						? fuzzyThreshold(db).then(counts(db, current, query, true, true)) : Mono.just(exact))
				.doOnNext(found -> {
					if (found.total() > query.countCap()) {
						cappedCounts.put(key, found);
					}
				});
			return counts.flatMap(found -> {
				Mono<Long> threshold = found.fuzzy() ? fuzzyThreshold(db) : Mono.just(0L);
				boolean capped = found.total() > query.countCap();
				Mono<List<Row>> page = query.relevance() && hasText && capped
						? rankedPage(db, current, query, key, threshold.then(ranking(db, current, query, found.fuzzy())))
						: threshold.then(page(db, current, query, hasText, found.fuzzy()).collectList());
				return page.map(rows -> {
					boolean hasNext = rows.size() > query.first();
					int total = found.total();
					return new SearchResult(hasNext ? rows.subList(0, query.first()) : rows, hasNext,
							Math.min(total, query.countCap()), total <= query.countCap(),
							found.facets().stream().filter(f -> !f.field().equals("total")).toList());
				});
			});
		});
	}

	/** A listing's place in a ranked result: its key and sort values. */
	private record Ranked(UUID tenantId, UUID listingId, OffsetDateTime publishedAt, float rank) {

		/** Best first, as PostgreSQL sorts (rank, published_at, tenant_id, listing_id) descending, uuids byte-wise. */
		static final Comparator<Ranked> BEST_FIRST = Comparator.comparing(Ranked::rank)
			.thenComparing(r -> r.publishedAt().toInstant())
			.thenComparing(Ranked::tenantId, ListingRepository::compareUuids)
			.thenComparing(Ranked::listingId, ListingRepository::compareUuids)
			.reversed();

		boolean isAfter(ListingCursor cursor) {
			return BEST_FIRST.compare(this, new Ranked(cursor.tenantId(), cursor.listingId(), cursor.publishedAt(),
					cursor.rank() == null ? 0f : cursor.rank())) > 0;
		}
	}

	private static int compareUuids(UUID a, UUID b) {
		int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
		return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
	}

	/**
	 * The ranking of a result that reached the count cap: its first 1,000 matches ranked once, then
	 * every page (this one, the next, another visitor's) is cut from it and reads its rows by key; a
	 * row closed or hidden since is left out. Kept as long as the capped counts.
	 */
	private final Cache<CountKey, List<Ranked>> cappedRankings;

	private Mono<List<Row>> rankedPage(DatabaseClient db, UUID current, SearchQuery query, CountKey key, Mono<List<Ranked>> rank) {
		List<Ranked> cached = cappedRankings.getIfPresent(key);
		Mono<List<Ranked>> ranking = cached != null ? Mono.just(cached) : rank.doOnNext(r -> cappedRankings.put(key, r));
		return ranking.flatMap(all -> {
			ListingCursor after = query.after();
			List<Ranked> keys = all.stream().filter(r -> after == null || r.isAfter(after)).limit(query.first() + 1L).toList();
			if (keys.isEmpty()) {
				return Mono.just(List.<Row>of());
			}
			Sql sql = new Sql("SELECT " + COLUMNS)
				.append(" FROM listing l WHERE l.tenant_id = ANY(:tenants) AND l.listing_id = ANY(:ids) AND " + SEARCHABLE)
				.append(Reach.of(query).predicate)
				.bind("current", current)
				.bind("tenants", keys.stream().map(Ranked::tenantId).distinct().toArray(UUID[]::new))
				.bind("ids", keys.stream().map(Ranked::listingId).toArray(UUID[]::new));
			return sql.on(db).map(this::map).all()
				.collectMap(l -> l.listingId())
				.map(rows -> keys.stream().filter(k -> rows.containsKey(k.listingId()))
					.map(k -> new Row(rows.get(k.listingId()), k.rank())).toList());
		});
	}

	/** A capped result's matches up to the cap (in storage order), with their rank, best first. */
	private Mono<List<Ranked>> ranking(DatabaseClient db, UUID current, SearchQuery query, boolean fuzzy) {
		Sql sql = withQuery(query.text(), true);
		sql.append("SELECT l.tenant_id, l.listing_id, l.published_at, " + rank(fuzzy) + " AS rank");
		where(sql, current, query, Reach.of(query), true, fuzzy);
		sql.append("LIMIT :cap").bind("cap", query.countCap() + 1);
		return sql.on(db)
			.map(row -> new Ranked(row.get("tenant_id", UUID.class), row.get("listing_id", UUID.class),
					row.get("published_at", OffsetDateTime.class), row.get("rank", Float.class)))
			.all()
			.sort(Ranked.BEST_FIRST)
			.collectList();
	}

	/** How close a title must be to a misspelt query for the trigram fallback (pg_trgm word similarity). */
	private static final String FUZZY_THRESHOLD = "0.45";

	/**
	 * The typo fallback scores at most this many candidates: those sharing a word's first three letters
	 * with the query, found through the full-text index (the trigram operator is not leakproof, so under
	 * row-level security it could only be checked row by row over the whole visible network).
	 */
	static final int FUZZY_CANDIDATES = 2_000;

	/** Query words the fallback looks at (their first three letters each), at most. */
	private static final int FUZZY_WORDS = 8;

	private static final java.util.regex.Pattern FUZZY_WORD = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]{3,}");

	/** Whether the text has a word of three letters or more for the fallback to start from. */
	private static boolean fuzzyPrefixes(String text) {
		return FUZZY_WORD.matcher(text).find();
	}

	private static Mono<Long> fuzzyThreshold(DatabaseClient db) {
		return db.sql("SELECT set_config('pg_trgm.word_similarity_threshold', '" + FUZZY_THRESHOLD + "', true)").fetch().rowsUpdated();
	}

	/**
	 * The text of the search as a CTE: French and English stems, accents removed; the plain text for
	 * typos, and the prefixes (first three letters of each word, any of them) that find a typo's candidates.
	 */
	private static Sql withQuery(String text, boolean hasText) {
		return hasText ? new Sql("""
				WITH q AS (SELECT websearch_to_tsquery('french', immutable_unaccent(:text))
				               || websearch_to_tsquery('english', immutable_unaccent(:text)) AS query,
				                  immutable_unaccent(lower(:text)) AS plain,
				                  (SELECT to_tsquery('simple', string_agg(left(w.word, 3) || ':*', ' | '))
				                     FROM (SELECT word FROM regexp_split_to_table(immutable_unaccent(lower(:text)), '[^[:alnum:]]+') AS word
				                           WHERE length(word) >= 3 LIMIT :fuzzyWords) w) AS prefixes)
				""").bind("text", text.trim()).bind("fuzzyWords", FUZZY_WORDS)
				: new Sql("WITH q AS (SELECT NULL::tsquery AS query, NULL::text AS plain, NULL::tsquery AS prefixes)\n");
	}

	/**
	 * Which listings a query reads: the current chamber's own, the other chambers' network listings,
	 * or both (the first wall, {@link #VISIBLE}). A newest-first network page reads the two halves
	 * apart, each down its own newest-first index, and merges them: one OR across both would make the
	 * planner read every match before sorting.
	 */
	private enum Reach {

		CHAMBER(" AND " + OWN),
		OTHER_CHAMBERS(" AND l.visibility = 'NETWORK' AND l.tenant_id <> :current"),
		NETWORK(" AND " + VISIBLE);

		private final String predicate;

		Reach(String predicate) {
			this.predicate = predicate;
		}

		/** All a query reads: the chamber's own listings, or with scope NETWORK the network's too. */
		static Reach of(SearchQuery query) {
			return query.network() ? NETWORK : CHAMBER;
		}
	}

	/** A match's relevance: full-text rank, or word similarity for the trigram fallback. */
	private static String rank(boolean fuzzy) {
		return fuzzy ? "word_similarity(q.plain, l.search_text)::real" : "ts_rank_cd(l.search, q.query)::real";
	}

	/**
	 * The FROM and WHERE of a search. The typo fallback reads its candidates first, by word prefix
	 * through the full-text index and up to {@link #FUZZY_CANDIDATES}, then scores only those.
	 */
	private static Sql where(Sql sql, UUID current, SearchQuery query, Reach reach, boolean hasText, boolean fuzzy) {
		sql.append(fuzzy ? " FROM (SELECT l.tenant_id, l.listing_id, l.published_at, l.kind, l.hs_code, l.origin_country, l.search_text"
				+ " FROM listing l, q WHERE " : " FROM listing l, q WHERE ").append(SEARCHABLE);
		sql.append(reach.predicate).bind("current", current);
		if (query.kinds() != null && !query.kinds().isEmpty()) {
			sql.append(" AND " + anyOf(sql, "l.kind", "kinds", query.kinds()));
		}
		if (query.hsPrefixes() != null && !query.hsPrefixes().isEmpty()) {
			// 2, 4 or 6 digits: chapter, heading or subheading, each an indexed equality
			List<String> parts = new ArrayList<>();
			for (int digits : new int[] { 2, 4, 6 }) {
				List<String> codes = query.hsPrefixes().stream().filter(p -> p.length() == digits).distinct().toList();
				if (!codes.isEmpty()) {
					parts.add(anyOf(sql, digits == 2 ? "l.hs_chapter" : digits == 4 ? "l.hs_heading" : "l.hs_code", "hs" + digits, codes));
				}
			}
			sql.append(" AND (" + String.join(" OR ", parts) + ")");
		}
		if (query.origins() != null && !query.origins().isEmpty()) {
			sql.append(" AND " + anyOf(sql, "l.origin_country", "origins", query.origins()));
		}
		if (query.memberId() != null) {
			sql.append(" AND l.tenant_id = :memberTenant AND l.member_id = :memberId")
				.bind("memberTenant", query.memberTenant())
				.bind("memberId", query.memberId());
		}
		if (hasText && fuzzy) {
			sql.append(" AND l.search @@ q.prefixes LIMIT :fuzzyCandidates) l, q WHERE q.plain <% l.search_text")
				.bind("fuzzyCandidates", FUZZY_CANDIDATES);
		}
		else if (hasText) {
			sql.append(" AND l.search @@ q.query");
		}
		return sql;
	}
	/**
	 * {@code column = :name} for one value, which lets the planner walk an index in its sort order
	 * (the same index with {@code = ANY} reads every match, then sorts); {@code = ANY(:name)} for several.
	 */
	private static String anyOf(Sql sql, String column, String name, List<String> values) {
		if (values.size() == 1) {
			sql.bind(name, values.get(0));
			return column + " = :" + name;
		}
		sql.bind(name, values.toArray(String[]::new));
		return column + " = ANY(:" + name + ")";
	}

	/** Total and facets over the whole result (up to the cap), in one statement. */
	private Mono<Counts> counts(DatabaseClient db, UUID current, SearchQuery query, boolean hasText, boolean fuzzy) {
		Sql sql = withQuery(query.text(), hasText);
		sql.append(", hits AS (SELECT l.kind, l.hs_code, coalesce(l.origin_country, '') AS origin, l.tenant_id");
		where(sql, current, query, Reach.of(query), hasText, fuzzy);
		sql.append(" LIMIT :cap)").bind("cap", query.countCap() + 1);
		sql.append("""
				SELECT 'total' AS field, '' AS value, count(*) AS n, NULL AS title_fr, NULL AS title_en FROM hits
				UNION ALL SELECT 'kind', kind, count(*), NULL, NULL FROM hits GROUP BY kind
				UNION ALL SELECT 'hsChapter', h.chapter, count(*), min(c.title_fr), min(c.title_en)
				          FROM (SELECT left(hs_code, 2) AS chapter FROM hits) h LEFT JOIN hs_code c ON c.code = h.chapter
				          GROUP BY h.chapter
				UNION ALL SELECT 'originCountry', origin, count(*), NULL, NULL FROM hits GROUP BY origin
				UNION ALL SELECT 'tenant', tenant_id::text, count(*), NULL, NULL FROM hits GROUP BY tenant_id
				ORDER BY 1, 3 DESC, 2""");
		return sql.on(db)
			.map(row -> new FacetCount(row.get("field", String.class), row.get("value", String.class),
					row.get("n", Long.class).intValue(), row.get("title_fr", String.class), row.get("title_en", String.class)))
			.all()
			.collectList()
			.map(facets -> new Counts(facets, fuzzy));
	}

	/**
	 * A page of results: first the keys of the page's rows, then their columns and translations for
	 * those rows only. Sorted by relevance, the ranking work is bounded: the matches are taken up to
	 * the count cap (in storage order), ranked, and paged; a broad query thus ranks its first 1,000
	 * matches, not all of them. Sorted by newest, each half of the reach walks a newest-first index
	 * and stops at the page's size.
	 */
	private Flux<Row> page(DatabaseClient db, UUID current, SearchQuery query, boolean hasText, boolean fuzzy) {
		boolean ranked = query.relevance() && hasText;
		Sql sql = withQuery(query.text(), hasText);
		ListingCursor after = query.after();
		sql.bind("limit", query.first() + 1);
		if (ranked) {
			sql.append(", candidates AS MATERIALIZED (SELECT l.tenant_id, l.listing_id, l.published_at, " + rank(fuzzy) + " AS rank");
			where(sql, current, query, Reach.of(query), hasText, fuzzy);
			sql.append("LIMIT :cap)").bind("cap", query.countCap() + 1);
			sql.append(", keys AS (SELECT * FROM candidates c");
			if (after != null) {
				sql.append("WHERE (c.rank, c.published_at, c.tenant_id, c.listing_id) < (:afterRank::real, :afterAt, :afterTenant, :afterId)")
					.bind("afterRank", after.rank() == null ? 0f : after.rank());
			}
			sql.append("ORDER BY c.rank DESC, c.published_at DESC, c.tenant_id DESC, c.listing_id DESC LIMIT :limit)");
			sql.append("SELECT " + COLUMNS + ", k.rank");
		}
		else {
			List<Reach> reaches = query.network() ? List.of(Reach.CHAMBER, Reach.OTHER_CHAMBERS) : List.of(Reach.CHAMBER);
			sql.append(", keys AS (");
			for (int i = 0; i < reaches.size(); i++) {
				sql.append(i == 0 ? "(" : " UNION ALL (");
				sql.append("SELECT l.tenant_id, l.listing_id, l.published_at");
				where(sql, current, query, reaches.get(i), hasText, fuzzy);
				if (after != null) {
					sql.append("AND (l.published_at, l.tenant_id, l.listing_id) < (:afterAt, :afterTenant, :afterId)");
				}
				sql.append("ORDER BY l.published_at DESC, l.tenant_id DESC, l.listing_id DESC LIMIT :limit)");
			}
			sql.append(")");
			sql.append("SELECT " + COLUMNS + ", NULL::real AS rank");
		}
		if (after != null) {
			sql.bind("afterAt", after.publishedAt()).bind("afterTenant", after.tenantId()).bind("afterId", after.listingId());
		}
		sql.append(" FROM keys k JOIN listing l ON l.tenant_id = k.tenant_id AND l.listing_id = k.listing_id ORDER BY");
		sql.append(ranked ? "k.rank DESC," : "").append("k.published_at DESC, k.tenant_id DESC, k.listing_id DESC LIMIT :limit");
		return sql.on(db).map(row -> new Row(map(row), row.get("rank", Float.class))).all();
	}

	/** A member's listings as visible to the reader: every status for its own people, else published. */
	Mono<MemberPage> byMember(Reader reader, UUID memberTenant, UUID memberId, boolean allStatuses, int first, ListingCursor after) {
		Sql filter = new Sql(" FROM listing l WHERE l.tenant_id = :memberTenant AND l.member_id = :memberId AND " + VISIBLE)
			.bind("memberTenant", memberTenant).bind("memberId", memberId).bind("current", reader.tenantId());
		if (!allStatuses) {
			filter.append(" AND l.status = 'PUBLISHED'");
		}
		// the total rides on the page's rows (an uncorrelated sub-query, run once); counted apart only
		// when a later page comes back empty
		Sql page = new Sql("SELECT " + COLUMNS + ", coalesce(l.published_at, l.created_at) AS sort_at, (SELECT count(*)")
			.append(filter).append(") AS total").append(filter);
		Sql count = new Sql("SELECT count(*) AS n").append(filter);
		if (after != null) {
			page.append(" AND (coalesce(l.published_at, l.created_at), l.tenant_id, l.listing_id) < (:afterAt, :afterTenant, :afterId)")
				.bind("afterAt", after.publishedAt()).bind("afterTenant", after.tenantId()).bind("afterId", after.listingId());
		}
		page.append(" ORDER BY sort_at DESC, l.tenant_id DESC, l.listing_id DESC LIMIT :limit").bind("limit", first + 1);
		return transactions.mono(reader, db -> page.on(db)
			.map(row -> new Counted(map(row), row.get("total", Long.class).intValue()))
			.all()
			.collectList()
			.flatMap(rows -> {
				List<Listing> listings = rows.stream().map(Counted::listing).toList();
				boolean hasNext = listings.size() > first;
				Mono<Integer> total = !rows.isEmpty() ? Mono.just(rows.get(0).total()) : after == null ? Mono.just(0)
						: count.on(db).map(row -> row.get("n", Long.class).intValue()).one();
				return total.map(n -> new MemberPage(hasNext ? listings.subList(0, first) : listings, hasNext, n));
			}));
	}

	private record Counted(Listing listing, int total) {
	}

	/**
	 * Writes a listing and its translations, and refreshes its search document, in the current
	 * transaction. With {@code quota} set, first locks the member row and refuses (empty) when it
	 * already has that many published listings, so concurrent publications cannot exceed it.
	 */
	public Mono<Listing> insert(Listing listing, Integer quota) {
		return transactions.mono(Reader.chamber(listing.tenantId()), db -> underQuota(db, listing, quota).flatMap(ok -> {
			Sql insert = new Sql("""
					INSERT INTO listing (tenant_id, listing_id, member_id, kind, status, visibility, locale, hs_code,
					  quantity_value, quantity_unit, price_amount, price_currency, incoterm, origin_country, published_at, expires_at)
					VALUES (:tenant, :id, :member, :kind, :status, :visibility, :locale, :hsCode,
					  :quantityValue, :quantityUnit, :priceAmount, :priceCurrency, :incoterm, :originCountry, :publishedAt, :expiresAt)""")
				.bind("tenant", listing.tenantId()).bind("id", listing.listingId()).bind("member", listing.memberId())
				.bind("kind", listing.kind()).bind("status", listing.status()).bind("visibility", listing.visibility())
				.bind("locale", listing.locale()).bind("hsCode", listing.hsCode());
			DatabaseClient.GenericExecuteSpec spec = optional(insert.on(db), listing);
			return spec.fetch().rowsUpdated()
				.then(writeTranslations(db, listing))
				.then(reload(db, listing));
		}));
	}

	/** Updates a listing if it is still at the version read (empty otherwise), with the same quota rule. */
	Mono<Listing> update(Listing listing, int expectedVersion, Integer quota) {
		return transactions.mono(Reader.chamber(listing.tenantId()), db -> underQuota(db, listing, quota).flatMap(ok -> {
			Sql update = new Sql("""
					UPDATE listing SET status = :status, visibility = :visibility, locale = :locale, hs_code = :hsCode,
					  quantity_value = :quantityValue, quantity_unit = :quantityUnit, price_amount = :priceAmount,
					  price_currency = :priceCurrency, incoterm = :incoterm, origin_country = :originCountry,
					  published_at = :publishedAt, expires_at = :expiresAt, version = version + 1, updated_at = now()
					WHERE tenant_id = :tenant AND listing_id = :id AND version = :version""")
				.bind("tenant", listing.tenantId()).bind("id", listing.listingId()).bind("version", expectedVersion)
				.bind("status", listing.status()).bind("visibility", listing.visibility())
				.bind("locale", listing.locale()).bind("hsCode", listing.hsCode());
			return optional(update.on(db), listing).fetch().rowsUpdated()
				.filter(rows -> rows == 1)
				.flatMap(rows -> db.sql("DELETE FROM listing_translation WHERE tenant_id = :tenant AND listing_id = :id")
					.bind("tenant", listing.tenantId()).bind("id", listing.listingId()).fetch().rowsUpdated()
					.then(writeTranslations(db, listing))
					.then(reload(db, listing)));
		}));
	}

	private static Mono<Boolean> underQuota(DatabaseClient db, Listing listing, Integer quota) {
		if (quota == null || !"PUBLISHED".equals(listing.status())) {
			return Mono.just(true);
		}
		return db.sql("SELECT 1 FROM member WHERE tenant_id = :tenant AND member_id = :member FOR UPDATE")
			.bind("tenant", listing.tenantId()).bind("member", listing.memberId())
			.fetch().rowsUpdated()
			.then(db.sql("""
					SELECT count(*) AS n FROM listing WHERE tenant_id = :tenant AND member_id = :member
					AND status = 'PUBLISHED' AND listing_id <> :id""")
				.bind("tenant", listing.tenantId()).bind("member", listing.memberId()).bind("id", listing.listingId())
				.map(row -> row.get("n", Long.class))
				.one())
			.filter(count -> count < quota)
			.map(count -> true);
	}

	private static Mono<Void> writeTranslations(DatabaseClient db, Listing listing) {
		return Flux.fromIterable(listing.translations().entrySet())
			.concatMap(t -> {
				DatabaseClient.GenericExecuteSpec spec = db.sql("""
						INSERT INTO listing_translation (tenant_id, listing_id, locale, title, description)
						VALUES (:tenant, :id, :locale, :title, :description)""")
					.bind("tenant", listing.tenantId()).bind("id", listing.listingId())
					.bind("locale", t.getKey()).bind("title", t.getValue().title());
				return nullable(spec, "description", t.getValue().description(), String.class).fetch().rowsUpdated();
			})
			.then(db.sql("""
					UPDATE listing SET search = listing_document(tenant_id, listing_id),
					  search_text = (SELECT immutable_unaccent(lower(string_agg(title, ' '))) FROM listing_translation t
					                 WHERE t.tenant_id = listing.tenant_id AND t.listing_id = listing.listing_id)
					WHERE tenant_id = :tenant AND listing_id = :id""")
				.bind("tenant", listing.tenantId()).bind("id", listing.listingId())
				.fetch().rowsUpdated().then());
	}

	private Mono<Listing> reload(DatabaseClient db, Listing listing) {
		return db.sql("SELECT " + COLUMNS + " FROM listing l WHERE l.tenant_id = :tenant AND l.listing_id = :id")
			.bind("tenant", listing.tenantId()).bind("id", listing.listingId())
			.map(this::map).one();
	}

	private static DatabaseClient.GenericExecuteSpec optional(DatabaseClient.GenericExecuteSpec spec, Listing l) {
		spec = nullable(spec, "quantityValue", l.quantityValue(), BigDecimal.class);
		spec = nullable(spec, "quantityUnit", l.quantityUnit(), String.class);
		spec = nullable(spec, "priceAmount", l.priceAmount(), BigDecimal.class);
		spec = nullable(spec, "priceCurrency", l.priceCurrency(), String.class);
		spec = nullable(spec, "incoterm", l.incoterm(), String.class);
		spec = nullable(spec, "originCountry", l.originCountry(), String.class);
		spec = nullable(spec, "publishedAt", l.publishedAt(), OffsetDateTime.class);
		return nullable(spec, "expiresAt", l.expiresAt(), OffsetDateTime.class);
	}

	static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, Object value, Class<?> type) {
		return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
	}

	/** Listings past their expiry leave the marketplace: one statement per chamber. */
	Mono<Long> expire(UUID tenantId) {
		return transactions.mono(Reader.chamber(tenantId), db -> db.sql("""
				UPDATE listing SET status = 'EXPIRED', version = version + 1, updated_at = now()
				WHERE tenant_id = :tenant AND status = 'PUBLISHED' AND expires_at <= now()""")
			.bind("tenant", tenantId).fetch().rowsUpdated());
	}

	Mono<Integer> publishedCount(UUID tenantId) {
		return transactions.mono(Reader.chamber(tenantId), db -> db.sql(
				"SELECT count(*) AS n FROM listing WHERE tenant_id = :tenant AND status = 'PUBLISHED'")
			.bind("tenant", tenantId).map(row -> row.get("n", Long.class).intValue()).one());
	}

	public Mono<Integer> countForMember(UUID tenantId, UUID memberId) {
		return transactions.mono(Reader.chamber(tenantId), db -> db.sql("SELECT count(*) AS n FROM listing WHERE tenant_id = :tenant AND member_id = :member")
			.bind("tenant", tenantId).bind("member", memberId).map(row -> row.get("n", Long.class).intValue()).one());
	}

	Listing map(Readable row) {
		String json = row.get("translations", String.class);
		Map<String, Listing.Translation> translations = new LinkedHashMap<>();
		if (json != null) {
			Map<String, Map<String, String>> raw = mapper.readValue(json, new TypeReference<Map<String, Map<String, String>>>() {
			});
			raw.forEach((locale, t) -> translations.put(locale, new Listing.Translation(t.get("title"), t.get("description"))));
		}
		return new Listing(row.get("tenant_id", UUID.class), row.get("listing_id", UUID.class), row.get("member_id", UUID.class),
				row.get("kind", String.class), row.get("status", String.class), row.get("visibility", String.class),
				row.get("locale", String.class), row.get("hs_code", String.class), row.get("quantity_value", BigDecimal.class),
				row.get("quantity_unit", String.class), row.get("price_amount", BigDecimal.class),
				row.get("price_currency", String.class), row.get("incoterm", String.class), row.get("origin_country", String.class),
				row.get("published_at", OffsetDateTime.class), row.get("expires_at", OffsetDateTime.class),
				row.get("version", Integer.class), translations, Boolean.TRUE.equals(row.get("member_active", Boolean.class)));
	}

}
