package org.comptoir.api.matchmaking;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.comptoir.api.database.Sql;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.listing.ListingCatalog;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/**
 * Listings that fit a listing, scored in one statement (docs/matchmaking.md, "Scoring"): the
 * candidates are listings of the opposite kind that search could show from the current chamber
 * (the marketplace's own visibility rules), of another company, sharing the HS chapter or a word.
 */
@Repository
class MatchRepository {

	/** Below this a candidate shares too little to be shown. */
	static final double MIN_SCORE = 0.25;

	record Scored(UUID tenantId, UUID listingId, UUID memberId, double score) {
	}

	/** Keyset position: best first, then by key. */
	record Cursor(double score, UUID tenantId, UUID listingId) {

		String encode() {
			return Base64.getUrlEncoder().withoutPadding()
				.encodeToString((score + " " + tenantId + " " + listingId).getBytes(StandardCharsets.UTF_8));
		}

		static Optional<Cursor> decode(String cursor) {
			try {
				String[] p = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(" ");
				return p.length == 3 ? Optional.of(new Cursor(Double.parseDouble(p[0]), UUID.fromString(p[1]), UUID.fromString(p[2])))
						: Optional.empty();
			}
			catch (RuntimeException ex) {
				return Optional.empty();
			}
		}
	}

	/**
	 * The source listing's facts, then every candidate's four fits and its score, rounded to four
	 * decimals so that a cursor's score compares equal on the next page.
	 */
	private static final String SCORED = """
			WITH src AS (
			  SELECT l.tenant_id, l.listing_id, l.member_id, l.kind, l.visibility, l.hs_code, l.origin_country,
			         CASE l.quantity_unit WHEN 'TNE' THEN l.quantity_value * 1000 ELSE l.quantity_value END AS qty,
			         CASE l.quantity_unit WHEN 'TNE' THEN 'KGM' ELSE l.quantity_unit END AS unit,
			         tsvector_to_array(ts_filter(l.search, '{a}')) AS words
			  FROM listing l WHERE l.tenant_id = :srcTenant AND l.listing_id = :srcId
			), q AS (
			  SELECT src.*, (SELECT string_agg(quote_literal(w), ' | ') FROM unnest(src.words) w)::tsquery AS query FROM src
			), ids AS (
			  -- bounded work at network scale: at most 2,000 candidates are scored, the same heading
			  -- first, then the rest of the chapter and listings sharing title words
			  SELECT l.tenant_id, l.listing_id FROM listing l, q
			  WHERE l.kind <> q.kind
			    AND NOT (l.tenant_id = q.tenant_id AND l.member_id = q.member_id)
			    AND (l.hs_chapter = left(q.hs_code, 2) OR l.search @@ q.query)
			    AND %s AND %s%s
			  ORDER BY (l.hs_heading = left(q.hs_code, 4)) DESC
			  LIMIT 2000
			), candidate AS (
			  SELECT l.tenant_id, l.listing_id, l.member_id,
			    CASE WHEN length(l.hs_code) = 6 AND l.hs_code = q.hs_code THEN 1.0
			         WHEN length(l.hs_code) >= 4 AND length(q.hs_code) >= 4 AND left(l.hs_code, 4) = left(q.hs_code, 4) THEN 0.7
			         WHEN left(l.hs_code, 2) = left(q.hs_code, 2) THEN 0.4
			         ELSE 0 END AS hs,
			    (SELECT count(*) FROM unnest(tsvector_to_array(ts_filter(l.search, '{a}'))) w WHERE w = ANY(q.words))::numeric
			      / greatest(1, least(cardinality(q.words), cardinality(tsvector_to_array(ts_filter(l.search, '{a}'))))) AS words,
			    CASE WHEN q.kind = 'REQUEST' THEN q.origin_country ELSE l.origin_country END AS wanted_origin,
			    CASE WHEN q.kind = 'REQUEST' THEN l.origin_country ELSE q.origin_country END AS offered_origin,
			    CASE WHEN q.kind = 'REQUEST' THEN q.qty ELSE CASE l.quantity_unit WHEN 'TNE' THEN l.quantity_value * 1000 ELSE l.quantity_value END END AS wanted_qty,
			    CASE WHEN q.kind = 'REQUEST' THEN CASE l.quantity_unit WHEN 'TNE' THEN l.quantity_value * 1000 ELSE l.quantity_value END ELSE q.qty END AS offered_qty,
			    q.unit = CASE l.quantity_unit WHEN 'TNE' THEN 'KGM' ELSE l.quantity_unit END AS same_unit
			  FROM ids JOIN listing l ON l.tenant_id = ids.tenant_id AND l.listing_id = ids.listing_id, q
			), scored AS (
			  SELECT tenant_id, listing_id, member_id, round(
			      0.45 * hs
			    + 0.25 * least(words, 1)
			    + 0.15 * CASE WHEN wanted_origin IS NULL OR offered_origin IS NULL THEN 0.5
			                  WHEN wanted_origin = offered_origin THEN 1 ELSE 0 END
			    + 0.15 * CASE WHEN same_unit IS NOT TRUE THEN 0.5
			                  ELSE least(1, offered_qty / wanted_qty) END, 4) AS score
			  FROM candidate
			)
			SELECT tenant_id, listing_id, member_id, score FROM scored WHERE score >= :minScore""";

	private final TenantTransactions transactions;

	MatchRepository(TenantTransactions transactions) {
		this.transactions = transactions;
	}

	/**
	 * The best matches of a listing, as the current chamber sees them, best first.
	 * @param mutual keep only the candidates whose chamber may see the source listing too (notifications)
	 */
	Flux<Scored> matches(UUID current, UUID srcTenant, UUID srcId, boolean mutual, double minScore, int first, Cursor after) {
		Sql sql = new Sql(SCORED.formatted(ListingCatalog.VISIBLE, ListingCatalog.SEARCHABLE,
				mutual ? " AND (q.visibility = 'NETWORK' OR l.tenant_id = q.tenant_id)" : ""))
			.bind("current", current).bind("srcTenant", srcTenant).bind("srcId", srcId)
			.bind("minScore", BigDecimal.valueOf(Math.max(minScore, MIN_SCORE)));
		if (after != null) {
			sql.append(" AND (score, tenant_id, listing_id) < (:afterScore, :afterTenant, :afterId)")
				.bind("afterScore", BigDecimal.valueOf(after.score())).bind("afterTenant", after.tenantId())
				.bind("afterId", after.listingId());
		}
		sql.append(" ORDER BY score DESC, tenant_id DESC, listing_id DESC LIMIT :limit").bind("limit", first);
		return transactions.flux(current, db -> sql.on(db)
			.map(row -> new Scored(row.get("tenant_id", UUID.class), row.get("listing_id", UUID.class),
					row.get("member_id", UUID.class), row.get("score", BigDecimal.class).doubleValue()))
			.all());
	}

}
