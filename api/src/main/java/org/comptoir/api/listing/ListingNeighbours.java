package org.comptoir.api.listing;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.comptoir.api.database.Sql;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.listing.ListingCatalog.Neighbours;
import org.comptoir.api.listing.ListingCatalog.Traits;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * A listing's neighbours in two statements (docs/matchmaking.md): the source's traits, then the
 * candidates with those traits as parameters, so the planner sees the HS code it walks.
 */
@Repository
class ListingNeighbours {

	/** A listing's traits; quantities in kilograms when given in tonnes, the title's stems, the query of its words. */
	private static final String SOURCE = """
			SELECT l.tenant_id, l.listing_id, l.member_id, l.kind, l.visibility, l.hs_code, l.hs_heading, l.hs_chapter, l.origin_country,
			       CASE l.quantity_unit WHEN 'TNE' THEN l.quantity_value * 1000 ELSE l.quantity_value END AS qty,
			       CASE l.quantity_unit WHEN 'TNE' THEN 'KGM' ELSE l.quantity_unit END AS unit,
			       w.words, (SELECT string_agg(quote_literal(x), ' | ') FROM unnest(w.words) x) AS query
			FROM listing l, LATERAL (SELECT tsvector_to_array(ts_filter(l.search, '{a}')) AS words) w
			WHERE l.tenant_id = :srcTenant AND l.listing_id = :srcId""";

	/**
	 * At most {@code ${limit}} candidates, newest first within each tier, a tier read only while the ones
	 * before leave room: the same HS code, the rest of its heading, the rest of its chapter (each walks an
	 * index on (code, kind, published_at)), then listings of other chapters sharing a title word among
	 * the newest {@code ${window}} of the chamber's own and of the network. {@code ${candidate}}: what
	 * every tier keeps (another company's, of the opposite kind, visible and searchable).
	 */
	private static final String CANDIDATES = """
			WITH candidate AS (
			  (SELECT ${columns} FROM listing l WHERE l.hs_code = :hsCode AND ${candidate}
			   ORDER BY l.published_at DESC, l.listing_id DESC LIMIT ${limit})
			  UNION ALL
			  (SELECT ${columns} FROM listing l WHERE l.hs_heading = :heading AND l.hs_code <> :hsCode AND ${candidate}
			   ORDER BY l.published_at DESC, l.listing_id DESC LIMIT ${limit})
			  UNION ALL
			  (SELECT ${columns} FROM listing l WHERE l.hs_chapter = :chapter AND l.hs_heading <> :heading AND ${candidate}
			   ORDER BY l.published_at DESC, l.listing_id DESC LIMIT ${limit})
			  UNION ALL
			  (SELECT ${columns} FROM (
			     (SELECT * FROM listing l WHERE l.tenant_id = :current AND l.status = 'PUBLISHED'
			      ORDER BY l.published_at DESC, l.listing_id DESC LIMIT ${window})
			     UNION ALL
			     (SELECT * FROM listing l WHERE l.visibility = 'NETWORK' AND l.status = 'PUBLISHED' AND l.tenant_id <> :current
			      ORDER BY l.published_at DESC, l.listing_id DESC LIMIT ${window})) l
			   WHERE l.search @@ CAST(:query AS tsquery) AND l.hs_chapter <> :chapter AND ${candidate}
			   LIMIT ${limit})
			  LIMIT ${limit}
			)
			SELECT tenant_id, listing_id, member_id, hs_code, hs_heading, hs_chapter, origin_country,
			       CASE quantity_unit WHEN 'TNE' THEN quantity_value * 1000 ELSE quantity_value END AS qty,
			       CASE quantity_unit WHEN 'TNE' THEN 'KGM' ELSE quantity_unit END AS unit,
			       tsvector_to_array(ts_filter(search, '{a}')) AS words
			FROM candidate""";

	private static final String COLUMNS = "l.tenant_id, l.listing_id, l.member_id, l.hs_code, l.hs_heading, l.hs_chapter,"
			+ " l.origin_country, l.quantity_value, l.quantity_unit, l.search";

	/**
	 * A chamber-only listing's neighbours are its own chamber's when {@code mutual}: a parameter, not an
	 * equality on tenant_id, so that a cached plan never trades the HS index walk for a bitmap of the chamber.
	 */
	private static final String CANDIDATE = "l.kind = :wanted AND NOT (l.tenant_id = :srcTenant AND l.member_id = :srcMember)"
			+ " AND (:everyChamber OR l.tenant_id = :srcTenant) AND " + ListingRepository.VISIBLE
			+ " AND l.status = 'PUBLISHED' AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now())";

	private final TenantTransactions transactions;

	ListingNeighbours(TenantTransactions transactions) {
		this.transactions = transactions;
	}

	Mono<Neighbours> find(Reader reader, UUID srcTenant, UUID srcId, boolean mutual, int limit, int window) {
		return transactions.read(reader, db -> db.sql(SOURCE).bind("srcTenant", srcTenant).bind("srcId", srcId)
			.map(row -> new Source(traits(row, ListingKind.valueOf(row.get("kind", String.class)),
					Visibility.valueOf(row.get("visibility", String.class))),
					row.get("query", String.class)))
			.one()
			.flatMap(src -> candidates(db, reader.tenantId(), src, mutual, limit, window).map(found -> new Neighbours(src.traits(), found))));
	}

	private record Source(Traits traits, String query) {
	}

	private static Mono<List<Traits>> candidates(DatabaseClient db, UUID current, Source src, boolean mutual, int limit, int window) {
		Traits t = src.traits();
		// the sizes are constants of the caller: written in, as the planner's LIMIT
		String text = CANDIDATES.replace("${candidate}", CANDIDATE).replace("${columns}", COLUMNS)
			.replace("${limit}", Integer.toString(limit)).replace("${window}", Integer.toString(window));
		return new Sql(text)
			.bind("everyChamber", !mutual || t.visibility() == Visibility.NETWORK)
			.bind("current", current).bind("srcTenant", t.tenantId()).bind("srcMember", t.memberId())
			.bind("hsCode", t.hsCode()).bind("heading", t.hsHeading()).bind("chapter", t.hsChapter())
			.bind("wanted", t.kind().opposite().name())
			.bind("query", Parameter.fromOrEmpty(src.query(), String.class))
			.on(db).map(row -> traits(row, null, null)).all().collectList();
	}

	private static Traits traits(Readable row, ListingKind kind, Visibility visibility) {
		String[] words = row.get("words", String[].class);
		return new Traits(row.get("tenant_id", UUID.class), row.get("listing_id", UUID.class), row.get("member_id", UUID.class),
				kind, visibility, row.get("hs_code", String.class),
				row.get("hs_heading", String.class), row.get("hs_chapter", String.class), row.get("origin_country", String.class),
				row.get("qty", BigDecimal.class), row.get("unit", String.class), words == null ? null : Arrays.asList(words));
	}

}
