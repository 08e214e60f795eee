package org.comptoir.api.listing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.GraphQLContext;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.Connections;
import org.comptoir.api.graphql.Connections.Connection;
import org.comptoir.api.graphql.Connections.Edge;
import org.comptoir.api.graphql.Connections.PageInfo;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.listing.ListingInputs.Facet;
import org.comptoir.api.listing.ListingInputs.FacetValue;
import org.comptoir.api.listing.ListingInputs.ListingConnection;
import org.comptoir.api.listing.ListingSearch.FacetCount;
import org.comptoir.api.listing.ListingSearch.Ranked;
import org.comptoir.api.listing.ListingSearch.Row;
import org.comptoir.api.listing.ListingSearch.SearchQuery;
import org.comptoir.api.member.Member;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a search in one transaction of the reader: its page with its counts and facets in one statement,
 * the typo fallback when the words match nothing ({@link ListingSearch} holds the statements). A result
 * that reaches the count cap keeps its counts and its ranking for a few seconds.
 */
@Component
class MarketplaceSearch {

	record SearchResult(List<Row> rows, boolean hasNext, int total, boolean exact, List<FacetCount> facets) {
	}

	private final TenantTransactions transactions;

	private final MemberDirectory directory;

	private final TenantRegistry registry;

	private final JsonMapper json;

	private final int countCap;

	/**
	 * Total and facets of a result that reached the count cap ("1,000 or more"): a bounded sample of a
	 * broad result, the same for every page and visitor, and the most expensive statement of its page.
	 */
	private final Cache<CountKey, Counts> cappedCounts;

	/** The ranking of a capped result: every page (this one, the next, another visitor's) is cut from it. */
	private final Cache<CountKey, List<Ranked>> cappedRankings;

	MarketplaceSearch(TenantTransactions transactions, MemberDirectory directory, TenantRegistry registry, JsonMapper json,
			@Value("${comptoir.search.count-cap:1000}") int countCap,
			@Value("${comptoir.search.capped-counts-ttl:30s}") Duration cappedCountsTtl) {
		this.transactions = transactions;
		this.directory = directory;
		this.registry = registry;
		this.json = json;
		this.countCap = countCap;
		// a few MB each: some 2 KB of facets per query, some 100 KB per ranking of 1,000 matches
		this.cappedCounts = Caffeine.newBuilder().expireAfterWrite(cappedCountsTtl).maximumSize(2_000).build();
		this.cappedRankings = Caffeine.newBuilder().expireAfterWrite(cappedCountsTtl).maximumSize(100).build();
	}

	private record CountKey(UUID current, boolean members, String text, List<ListingKind> kinds, List<String> hsPrefixes,
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

	/**
	 * The marketplace's {@code listings} query: its arguments checked, run for the caller, facets labelled
	 * in the chamber's language. {@code withCounts}: whether the request asks for totalCount or facets
	 * (without them, a page newest first skips the counting; their fields then read 0 and nothing).
	 */
	Mono<ListingConnection> search(GraphQLContext context, CurrentTenant tenant, Optional<Caller> caller, String query,
			ListingFilter filter, ListingSort sort, Integer first, String after, boolean withCounts) {
		ListingInputs.checkSearch(query, filter);
		int size = Connections.pageSize(first, 20, 100);
		ListingCursor cursor = ListingInputs.cursor(after);
		ListingFilter f = filter == null ? ListingFilter.NONE : filter;
		ListingInputs.checkHsPrefixes(f.hsCodePrefixes());
		GlobalId member = f.memberId() == null ? null : GlobalId.require(f.memberId(), Member.TYPE, "filter.memberId");
		boolean relevance = query != null && !query.isBlank() && sort != ListingSort.NEWEST;
		SearchQuery searchQuery = new SearchQuery(query, f.kinds(), f.hsCodePrefixes(), f.originCountries(), f.scope() != ListingScope.CHAMBER,
				member == null ? null : member.tenantId(), member == null ? null : member.localId(), relevance, size, cursor, countCap);
		String locale = registry.find(tenant.id()).map(Tenant::defaultLocale).orElse("fr");
		return directory.reader(context, tenant, caller).flatMap(reader -> search(reader, searchQuery, withCounts)).map(result -> {
			List<Edge<Listing>> edges = result.rows().stream()
				.map(row -> new Edge<>(new ListingCursor(relevance ? row.rank() : null, row.listing().publishedAt(),
						row.listing().tenantId(), row.listing().listingId()).encode(), row.listing()))
				.toList();
			PageInfo pageInfo = Connection.of(edges, result.hasNext(), cursor != null, result.total()).pageInfo();
			return new ListingConnection(edges, pageInfo, result.total(), result.exact(), facets(result.facets(), locale));
		});
	}

	/** Facet values labelled: kinds and countries in the chamber's language, HS chapters by title, chambers by name. */
	private List<Facet> facets(List<FacetCount> counts, String locale) {
		Map<String, List<FacetValue>> byField = new LinkedHashMap<>();
		for (String field : List.of("kind", "hsChapter", "originCountry", "tenant")) {
			byField.put(field, new ArrayList<>());
		}
		Locale display = Locale.forLanguageTag(locale);
		for (FacetCount c : counts) {
			String value = c.value();
			String label = switch (c.field()) {
				case "kind" -> "fr".equals(locale) ? (ListingKind.OFFER.name().equals(value) ? "Offres" : "Demandes")
						: (ListingKind.OFFER.name().equals(value) ? "Offers" : "Requests");
				case "hsChapter" -> locale.startsWith("fr") ? c.titleFr() : c.titleEn();
				case "originCountry" -> value.isEmpty() ? ("fr".equals(locale) ? "Non précisé" : "Not given")
						: new Locale("", value).getDisplayCountry(display);
				default -> null;
			};
			if ("tenant".equals(c.field())) {
				Optional<Tenant> tenant = registry.find(UUID.fromString(value));
				value = tenant.map(Tenant::slug).orElse(value);
				label = tenant.map(Tenant::name).orElse(null);
			}
			if ("originCountry".equals(c.field()) && value.isEmpty()) {
				value = "UNKNOWN";
			}
			byField.get(c.field()).add(new FacetValue(value, label, c.count()));
		}
		return byField.entrySet().stream().map(e -> new Facet(e.getKey(), e.getValue())).toList();
	}

	/**
	 * One statement for a page: its rows with its counts, or, sorted newest first with no counts asked,
	 * its rows alone. Counts kept for a capped result spare the counting; the typo fallback and a capped
	 * ranking add their own statements.
	 */
	private Mono<SearchResult> search(Reader reader, SearchQuery query, boolean withCounts) {
		CountKey key = CountKey.of(reader, query);
		UUID current = reader.tenantId();
		return transactions.read(reader, db -> {
			Counts cached = cappedCounts.getIfPresent(key);
			if (cached != null) {
				return page(db, current, query, key, cached);
			}
			if (!withCounts && !query.relevance()) {
				// newest first, the rows need no counts; no rows at all may still be the typo fallback's to find
				return ListingSearch.page(db, current, query, false, directory).collectList()
					.flatMap(rows -> rows.isEmpty() && mayBeTypo(query) ? counted(db, current, query, key)
							: Mono.just(result(query, rows, null)));
			}
			return counted(db, current, query, key);
		}).contextWrite(context -> query.browses() ? TenantTransactions.withGenericPlans(context) : context);
	}

	/** The page from counts already known: kept for a capped result. */
	private Mono<SearchResult> page(DatabaseClient db, UUID current, SearchQuery query, CountKey key, Counts found) {
		Mono<List<Row>> page = capped(query, found)
				? cappedPage(query, key, ListingSearch.ranking(db, current, query, found.fuzzy()), db, current)
				: ListingSearch.page(db, current, query, found.fuzzy(), directory).collectList();
		return page.map(rows -> result(query, rows, found));
	}

	/**
	 * The page with its counts, in one statement; by the typo fallback (one more) when the words match
	 * nothing. A ranked result past the cap is paged from its ranking instead, kept with its counts.
	 */
	private Mono<SearchResult> counted(DatabaseClient db, UUID current, SearchQuery query, CountKey key) {
		return ListingSearch.countedPage(db, current, query, false, directory, json)
			.map(exact -> new Found(exact.rows(), new Counts(exact.facets(), false)))
			.flatMap(exact -> exact.counts().total() == 0 && mayBeTypo(query)
					? ListingSearch.countedPage(db, current, query, true, directory, json)
						.map(fuzzy -> new Found(fuzzy.rows(), new Counts(fuzzy.facets(), true)))
					: Mono.just(exact))
			.flatMap(found -> {
				if (found.counts().total() <= query.countCap()) {
					return Mono.just(result(query, found.rows(), found.counts()));
				}
				cappedCounts.put(key, found.counts());
				return capped(query, found.counts()) ? page(db, current, query, key, found.counts())
						: Mono.just(result(query, found.rows(), found.counts()));
			});
	}

	private record Found(List<Row> rows, Counts counts) {
	}

	/** A ranked result past the cap: every page is cut from one ranking. */
	private static boolean capped(SearchQuery query, Counts counts) {
		return query.relevance() && query.hasText() && counts.total() > query.countCap();
	}

	private static boolean mayBeTypo(SearchQuery query) {
		return query.hasText() && FUZZY_WORD.matcher(query.text()).find();
	}

	/** The page's rows cut to its size; no counts when none were asked ({@code counts} null). */
	private static SearchResult result(SearchQuery query, List<Row> rows, Counts counts) {
		boolean hasNext = rows.size() > query.first();
		List<Row> page = hasNext ? rows.subList(0, query.first()) : rows;
		if (counts == null) {
			return new SearchResult(page, hasNext, 0, true, List.of());
		}
		int total = counts.total();
		return new SearchResult(page, hasNext, Math.min(total, query.countCap()), total <= query.countCap(),
				counts.facets().stream().filter(f -> !f.field().equals("total")).toList());
	}

	/** A word of three letters or more, for the typo fallback to start from. */
	private static final Pattern FUZZY_WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");

	/**
	 * A page cut from a capped result's ranking (ranked once, kept as long as the counts), its rows read
	 * by key; a row closed or hidden since is left out.
	 */
	private Mono<List<Row>> cappedPage(SearchQuery query, CountKey key, Mono<List<Ranked>> rank, DatabaseClient db, UUID current) {
		List<Ranked> cached = cappedRankings.getIfPresent(key);
		Mono<List<Ranked>> ranking = cached != null ? Mono.just(cached) : rank.doOnNext(r -> cappedRankings.put(key, r));
		return ranking.flatMap(all -> {
			ListingCursor after = query.after();
			List<Ranked> keys = all.stream().filter(r -> after == null || isAfter(r, after)).limit(query.first() + 1L).toList();
			if (keys.isEmpty()) {
				return Mono.just(List.<Row>of());
			}
			return ListingSearch.rankedRows(db, current, query, keys, directory)
				.collectMap(Listing::listingId)
				.map(rows -> keys.stream().filter(k -> rows.containsKey(k.listingId()))
					.map(k -> new Row(rows.get(k.listingId()), k.rank())).toList());
		});
	}

	/**
	 * The cursor's place in a cached ranking, in the ranking statement's own ORDER BY (rank, published_at,
	 * tenant_id, listing_id) descending: compared here, since the page is cut without SQL.
	 */
	private static final Comparator<Ranked> BEST_FIRST = Comparator.comparing(Ranked::rank)
		.thenComparing(r -> r.publishedAt().toInstant())
		.thenComparing(Ranked::tenantId, MarketplaceSearch::compareUuids)
		.thenComparing(Ranked::listingId, MarketplaceSearch::compareUuids)
		.reversed();

	private static boolean isAfter(Ranked ranked, ListingCursor cursor) {
		return BEST_FIRST.compare(ranked, new Ranked(cursor.tenantId(), cursor.listingId(), cursor.publishedAt(),
				cursor.rank() == null ? 0f : cursor.rank())) > 0;
	}

	/** Uuids as PostgreSQL orders them: byte-wise, unsigned ({@link UUID#compareTo} is signed). */
	private static int compareUuids(UUID a, UUID b) {
		int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
		return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
	}

}
