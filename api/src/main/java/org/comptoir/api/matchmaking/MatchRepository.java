package org.comptoir.api.matchmaking;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

import org.comptoir.api.database.Sql;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.Cursors;
import org.comptoir.api.listing.ListingCatalog;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Listings that fit a listing, scored in one statement (docs/matchmaking.md, "Scoring"): the
 * candidates are listings of the opposite kind that search could show from the current chamber
 * (the marketplace's own visibility rules), of another company, sharing the HS chapter or a word.
 */
@Repository
class MatchRepository {

	/** Below this a candidate shares too little to be shown. */
	static final double MIN_SCORE = 0.25;

	/** Listings scored per request: the work is bounded whatever the size of the network. */
	static final int CANDIDATES = 200;

	/** How far back, in each of the chamber's own and the network's newest listings, word matches are looked for. */
	static final int WORD_WINDOW = 500;

	record Scored(UUID tenantId, UUID listingId, UUID memberId, double score) {
	}

	/** Keyset position: best first, then by key. */
	record Cursor(double score, UUID tenantId, UUID listingId) {

		String encode() {
			return Cursors.encode(score, tenantId, listingId);
		}

		static Optional<Cursor> decode(String cursor) {
			return Cursors.decode(cursor, 3,
					v -> new Cursor(Double.parseDouble(v.get(0)), UUID.fromString(v.get(1)), UUID.fromString(v.get(2))));
		}
	}

	/** What scoring needs of the source listing; quantities in kilograms when given in tonnes. */
	private record Source(UUID tenantId, UUID memberId, String kind, String visibility, String hsCode, String heading,
			String chapter, String origin, BigDecimal qty, String unit, String[] words, String query) {

		String wanted() {
			return "OFFER".equals(kind) ? "REQUEST" : "OFFER";
		}
	}

	private static final String SOURCE = """
			SELECT l.tenant_id, l.member_id, l.kind, l.visibility, l.hs_code, l.hs_heading, l.hs_chapter, l.origin_country,
			       CASE l.quantity_unit WHEN 'TNE' THEN l.quantity_value * 1000 ELSE l.quantity_value END AS qty,
			       CASE l.quantity_unit WHEN 'TNE' THEN 'KGM' ELSE l.quantity_unit END AS unit,
			       w.words, (SELECT string_agg(quote_literal(x), ' | ') FROM unnest(w.words) x) AS query
			FROM listing l, LATERAL (SELECT tsvector_to_array(ts_filter(l.search, '{a}')) AS words) w
			WHERE l.tenant_id = :srcTenant AND l.listing_id = :srcId""";

	private static final String COLUMNS = "l.tenant_id, l.listing_id, l.member_id, l.hs_code, l.hs_heading, l.hs_chapter,"
			+ " l.origin_country, l.quantity_value, l.quantity_unit, l.search";

	/**
	 * At most {@value #CANDIDATES} candidates, newest first within each tier, a tier read only while
	 * the ones before leave room: the same HS code, the rest of its heading, the rest of its
	 * chapter (each walks an index on (code, kind, published_at)), then listings of other chapters
	 * sharing a title word among the newest of the chamber's own and of the network. Then every
	 * candidate's four fits and its score, computed once, rounded to four decimals so that a
	 * cursor's score compares equal on the next page. {@code %1$s} is the candidates' filter.
	 */
	private static final String SCORED = """
			WITH candidate AS (
			  (SELECT %2$s FROM listing l WHERE l.hs_code = :hsCode AND l.kind = :wanted AND %1$s
			   ORDER BY l.published_at DESC, l.listing_id DESC LIMIT %3$d)
			  UNION ALL
			  (SELECT %2$s FROM listing l WHERE l.hs_heading = :heading AND l.hs_code <> :hsCode AND l.kind = :wanted AND %1$s
			   ORDER BY l.published_at DESC, l.listing_id DESC LIMIT %3$d)
			  UNION ALL
			  (SELECT %2$s FROM listing l WHERE l.hs_chapter = :chapter AND l.hs_heading <> :heading AND l.kind = :wanted AND %1$s
			   ORDER BY l.published_at DESC, l.listing_id DESC LIMIT %3$d)
			  UNION ALL
			  (SELECT %2$s FROM (
			     (SELECT * FROM listing l WHERE l.tenant_id = :current AND l.status = 'PUBLISHED'
			      ORDER BY l.published_at DESC, l.listing_id DESC LIMIT %4$d)
			     UNION ALL
			     (SELECT * FROM listing l WHERE l.visibility = 'NETWORK' AND l.status = 'PUBLISHED' AND l.tenant_id <> :current
			      ORDER BY l.published_at DESC, l.listing_id DESC LIMIT %4$d)) l
			   WHERE l.search @@ CAST(:query AS tsquery) AND l.hs_chapter <> :chapter AND l.kind = :wanted AND %1$s
			   LIMIT %3$d)
			  LIMIT %3$d
			), titled AS MATERIALIZED (
			  SELECT tenant_id, listing_id, member_id, hs_code, hs_heading, hs_chapter, origin_country,
			         CASE quantity_unit WHEN 'TNE' THEN quantity_value * 1000 ELSE quantity_value END AS qty,
			         CASE quantity_unit WHEN 'TNE' THEN 'KGM' ELSE quantity_unit END AS unit,
			         ts_filter(search, '{a}') AS title
			  FROM candidate
			), scored AS MATERIALIZED (
			  SELECT tenant_id, listing_id, member_id, round(
			      0.45 * CASE WHEN length(hs_code) = 6 AND hs_code = :hsCode THEN 1.0
			                  WHEN length(hs_code) >= 4 AND length(CAST(:hsCode AS text)) >= 4 AND hs_heading = :heading THEN 0.7
			                  WHEN hs_chapter = :chapter THEN 0.4 ELSE 0 END
			    + 0.25 * (length(title) - length(ts_delete(title, CAST(:words AS text[]))))::numeric
			           / greatest(1, least(cardinality(CAST(:words AS text[])), length(title)))
			    + 0.15 * CASE WHEN origin_country IS NULL OR CAST(:origin AS text) IS NULL THEN 0.5
			                  WHEN origin_country = CAST(:origin AS text) THEN 1 ELSE 0 END
			    + 0.15 * CASE WHEN unit = CAST(:unit AS text) THEN
			                    CASE :wanted WHEN 'OFFER' THEN least(1, qty / CAST(:qty AS numeric)) ELSE least(1, CAST(:qty AS numeric) / qty) END
			                  ELSE 0.5 END, 4) AS score
			  FROM titled
			)
			SELECT tenant_id, listing_id, member_id, score FROM scored WHERE score >= :minScore""";

	private final TenantTransactions transactions;

	MatchRepository(TenantTransactions transactions) {
		this.transactions = transactions;
	}

	/**
	 * The best matches of a listing, as the reader sees them (the marketplace's VISIBLE), best first: two statements,
	 * the source's facts then the scores, so the planner sees the HS code it walks.
	 * @param mutual keep only the candidates whose chamber may see the source listing too (notifications)
	 */
	Flux<Scored> matches(Reader reader, UUID srcTenant, UUID srcId, boolean mutual, double minScore, int first, Cursor after) {
		return transactions.flux(reader, db -> source(db, srcTenant, srcId)
			.flatMapMany(src -> scored(reader.tenantId(), src, mutual, minScore, first, after).on(db)
				.map(row -> new Scored(row.get("tenant_id", UUID.class), row.get("listing_id", UUID.class),
						row.get("member_id", UUID.class), row.get("score", BigDecimal.class).doubleValue()))
				.all()));
	}

	private static Mono<Source> source(DatabaseClient db, UUID srcTenant, UUID srcId) {
		return db.sql(SOURCE).bind("srcTenant", srcTenant).bind("srcId", srcId)
			.map(row -> new Source(row.get("tenant_id", UUID.class), row.get("member_id", UUID.class),
					row.get("kind", String.class), row.get("visibility", String.class), row.get("hs_code", String.class),
					row.get("hs_heading", String.class), row.get("hs_chapter", String.class),
					row.get("origin_country", String.class), row.get("qty", BigDecimal.class), row.get("unit", String.class),
					row.get("words", String[].class), row.get("query", String.class)))
			.one();
	}

	private static Sql scored(UUID current, Source src, boolean mutual, double minScore, int first, Cursor after) {
		// a chamber-only listing is told to its own chamber only; a parameter, not an equality on
		// tenant_id, so that a cached plan never trades the HS index walk for a bitmap of the chamber
		String filter = "NOT (l.tenant_id = :srcTenant AND l.member_id = :srcMember) AND (:everyChamber OR l.tenant_id = :srcTenant) AND "
				+ ListingCatalog.VISIBLE + " AND " + ListingCatalog.SEARCHABLE;
		Sql sql = new Sql(SCORED.formatted(filter, COLUMNS, CANDIDATES, WORD_WINDOW))
			.bind("everyChamber", !mutual || "NETWORK".equals(src.visibility()))
			.bind("current", current).bind("srcTenant", src.tenantId()).bind("srcMember", src.memberId())
			.bind("hsCode", src.hsCode()).bind("heading", src.heading()).bind("chapter", src.chapter())
			.bind("wanted", src.wanted()).bind("words", src.words())
			.bind("query", Parameter.fromOrEmpty(src.query(), String.class))
			.bind("origin", Parameter.fromOrEmpty(src.origin(), String.class))
			.bind("qty", Parameter.fromOrEmpty(src.qty(), BigDecimal.class))
			.bind("unit", Parameter.fromOrEmpty(src.unit(), String.class))
			.bind("minScore", BigDecimal.valueOf(Math.max(minScore, MIN_SCORE)));
		if (after != null) {
			sql.append(" AND (score, tenant_id, listing_id) < (:afterScore, :afterTenant, :afterId)")
				.bind("afterScore", BigDecimal.valueOf(after.score())).bind("afterTenant", after.tenantId())
				.bind("afterId", after.listingId());
		}
		return sql.append(" ORDER BY score DESC, tenant_id DESC, listing_id DESC LIMIT :limit").bind("limit", first);
	}

}
