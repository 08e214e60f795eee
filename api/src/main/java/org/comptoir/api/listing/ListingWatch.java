package org.comptoir.api.listing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.member.Member;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published listings as a log that other features follow (saved searches' alerts, matches as notices):
 * its position is the publishing transaction's id ({@code listing.published_xid}, migration V25), and a
 * window {@code [from, through)} read with {@code through} the statement's horizon (every transaction
 * below it has ended) misses nothing and overlaps no other window. Every method runs in the caller's
 * transaction, which reads for the chamber ({@code Reader.chamber}), and so advances the caller's cursor
 * in the same commit as what it tells.
 */
@Component
public class ListingWatch {

	/** The log's position now: a new cursor starts here (what was published before, search already shows). */
	private static final String HORIZON = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS through";

	/**
	 * Saved searches run again over the listings published in their window, as their company sees search
	 * (scope NETWORK: every chamber's NETWORK listings and the chamber's own; CHAMBER: the chamber's own;
	 * MEMBERS listings only for an ACTIVE company; live ones only; never the company's own), full text
	 * without the typo fallback. The new listings are read once for all the searches; per search, how many
	 * match and the newest, with its title in the chamber's language where it has one.
	 */
	private static final String SAVED_MATCHES = """
			WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS through),
			s AS MATERIALIZED (
			  SELECT s.*, CASE WHEN s.words ~ '[[:alnum:]]'
			                   THEN websearch_to_tsquery('french', immutable_unaccent(s.words))
			                        || websearch_to_tsquery('english', immutable_unaccent(s.words)) END AS query
			  FROM jsonb_to_recordset(CAST(:searches AS jsonb)) AS s(id uuid, member_id uuid, members boolean, words text,
			       kinds text[], hs text[], origins text[], network boolean, of_tenant uuid, of_member uuid, after xid8)),
			fresh AS MATERIALIZED (
			  SELECT l.tenant_id, l.listing_id, l.member_id, l.visibility, l.kind, l.hs_code, l.hs_heading, l.hs_chapter,
			         l.origin_country, l.search, l.published_xid, l.published_at, l.locale
			  FROM listing l, horizon h
			  WHERE l.status = 'PUBLISHED' AND l.published_xid >= (SELECT min(after) FROM s) AND l.published_xid < h.through
			    AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now())
			    AND (l.tenant_id = :current OR l.visibility = 'NETWORK')),
			caught AS (
			  SELECT s.id, l.tenant_id, l.listing_id, l.locale, count(*) OVER (PARTITION BY s.id) AS n,
			         row_number() OVER (PARTITION BY s.id ORDER BY l.published_at DESC, l.tenant_id DESC, l.listing_id DESC) AS nth
			  FROM s JOIN fresh l ON l.published_xid >= s.after
			   AND NOT (l.tenant_id = :current AND l.member_id = s.member_id)
			   AND (l.tenant_id = :current OR s.network)
			   AND (l.tenant_id <> :current OR l.visibility <> 'MEMBERS' OR s.members)
			   AND (s.query IS NULL OR l.search @@ s.query)
			   AND (s.kinds IS NULL OR l.kind = ANY(s.kinds))
			   AND (s.hs IS NULL OR l.hs_chapter = ANY(s.hs) OR l.hs_heading = ANY(s.hs) OR l.hs_code = ANY(s.hs))
			   AND (s.origins IS NULL OR l.origin_country = ANY(s.origins))
			   AND (s.of_member IS NULL OR (l.tenant_id = s.of_tenant AND l.member_id = s.of_member)))
			SELECT h.through::text AS through, c.id, c.n, c.tenant_id, c.listing_id,
			       (SELECT t.title FROM listing_translation t WHERE t.tenant_id = c.tenant_id AND t.listing_id = c.listing_id
			        ORDER BY t.locale = :locale DESC, t.locale = c.locale DESC, t.locale LIMIT 1) AS title
			FROM horizon h LEFT JOIN caught c ON c.nth = 1""";

	/** A chamber's listings published in the window (still live), oldest first. */
	private static final String PUBLISHED = """
			WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS through)
			SELECT h.through::text AS through, l.listing_id
			FROM horizon h LEFT JOIN LATERAL (
			  SELECT l.listing_id, l.published_xid FROM listing l
			  WHERE l.tenant_id = :tenant AND l.status = 'PUBLISHED' AND l.published_xid >= CAST(:from AS xid8)
			    AND l.published_xid < h.through AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now())) l ON true
			ORDER BY l.published_xid, l.listing_id""";

	private final JsonMapper json;

	ListingWatch(JsonMapper json) {
		this.json = json;
	}

	/**
	 * A search as its company saved it, to run again from {@code after} (a position of the log).
	 * @param memberId the company, whose own listings are left out
	 * @param members whether the company may read its chamber's MEMBERS listings (it is ACTIVE)
	 */
	public record SavedQuery(UUID id, UUID memberId, boolean members, @Nullable String words, ListingFilter filter, String after) {
	}

	/** What a saved search caught in its window: how many, and the newest one's key and title. */
	public record Caught(UUID searchId, int count, UUID tenantId, UUID listingId, String title) {

		/** The portal path of the newest listing caught. */
		public String link() {
			return "/listings/" + GlobalId.of(Listing.TYPE, tenantId, listingId).encode();
		}
	}

	/** A window read: the horizon its cursors advance to, and what each search caught (none: left out). */
	public record Window(String through, List<Caught> caught) {
	}

	/**
	 * A saved search's words and filter checked as the marketplace's {@code listings} checks them:
	 * {@code BAD_USER_INPUT} past their bounds, a bad HS prefix or company id.
	 */
	public static void check(@Nullable String words, @Nullable ListingFilter filter) {
		ListingInputs.checkSearch(words, filter);
		if (filter != null) {
			ListingInputs.checkHsPrefixes(filter.hsCodePrefixes());
			if (filter.memberId() != null) {
				GlobalId.require(filter.memberId(), Member.TYPE, "filter.memberId");
			}
		}
	}

	/** The log's position now, in the caller's transaction: where a new cursor starts. */
	public Mono<String> horizon(DatabaseClient db) {
		return db.sql(HORIZON).map(row -> row.get("through", String.class)).one();
	}

	/**
	 * Saved searches of the chamber {@code current} run over what was published since each one's
	 * {@code after}, up to the horizon, in one statement (the caller's transaction, read for the chamber).
	 */
	public Mono<Window> savedMatches(DatabaseClient db, UUID current, String locale, List<SavedQuery> searches) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (SavedQuery q : searches) {
			ListingFilter f = q.filter() == null ? ListingFilter.NONE : q.filter();
			GlobalId of = f.memberId() == null ? null : GlobalId.require(f.memberId(), Member.TYPE, "filter.memberId");
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("id", q.id());
			row.put("member_id", q.memberId());
			row.put("members", q.members());
			row.put("words", q.words() == null ? "" : q.words().trim());
			row.put("kinds", empty(f.kinds()) ? null : f.kinds().stream().map(ListingKind::name).toList());
			row.put("hs", empty(f.hsCodePrefixes()) ? null : f.hsCodePrefixes());
			row.put("origins", empty(f.originCountries()) ? null : f.originCountries());
			row.put("network", f.scope() != ListingScope.CHAMBER);
			row.put("of_tenant", of == null ? null : of.tenantId());
			row.put("of_member", of == null ? null : of.localId());
			row.put("after", q.after());
			rows.add(row);
		}
		return db.sql(SAVED_MATCHES).bind("searches", json.writeValueAsString(rows)).bind("current", current).bind("locale", locale)
			.map(row -> new Object[] { row.get("through", String.class), row.get("id", UUID.class) == null ? null
					: new Caught(row.get("id", UUID.class), row.get("n", Long.class).intValue(), row.get("tenant_id", UUID.class),
							row.get("listing_id", UUID.class), row.get("title", String.class)) })
			.all()
			.collectList()
			.map(found -> new Window((String) found.get(0)[0],
					found.stream().map(r -> (Caught) r[1]).filter(c -> c != null).toList()));
	}

	/** The chamber's listings published since {@code from} and still live, oldest first, with the horizon. */
	public Mono<Published> published(DatabaseClient db, UUID tenantId, String from) {
		return db.sql(PUBLISHED).bind("tenant", tenantId).bind("from", from)
			.map(row -> new Object[] { row.get("through", String.class), row.get("listing_id", UUID.class) })
			.all()
			.collectList()
			.map(found -> new Published((String) found.get(0)[0],
					found.stream().map(r -> (UUID) r[1]).filter(id -> id != null).toList()));
	}

	/** A chamber's new listings in a window, and the horizon its cursor advances to. */
	public record Published(String through, List<UUID> listingIds) {
	}

	private static boolean empty(@Nullable List<?> values) {
		return values == null || values.isEmpty();
	}

}
