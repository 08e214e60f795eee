package org.comptoir.api.listing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import io.r2dbc.spi.Readable;
import org.comptoir.api.database.Sql;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.member.MemberDirectory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A listing's rows: read by key as the reader may see them, written with their translations and
 * search document; the search's own statements are in {@link ListingSearch}. Single reads open their
 * reader's transaction; writes run in the caller's ({@link ListingService}: the quota is counted there).
 */
@Repository
class ListingRepository {

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

	/** Listings by key, with their company as the reader sees it ({@code member_card}, migration V19). */
	private static final String BY_KEYS = """
			SELECT ${columns}, company::text AS company
			FROM listing l LEFT JOIN LATERAL member_card(l.tenant_id, l.member_id) AS company ON true
			WHERE l.tenant_id = ANY(:tenants) AND l.listing_id = ANY(:ids) AND ${visible}""";

	private final TenantTransactions transactions;

	private final MemberDirectory cards;

	ListingRepository(TenantTransactions transactions, MemberDirectory cards) {
		this.transactions = transactions;
		this.cards = cards;
	}

	/** A listing as visible to the reader, with its company; empty if it is not. */
	Mono<Listing> find(Reader reader, UUID tenantId, UUID listingId) {
		return findAll(reader, List.of(tenantId), List.of(listingId)).singleOrEmpty();
	}

	/** Listings by key as visible to the reader, each with its company (as a page reads them); one statement. */
	Flux<Listing> findAll(Reader reader, Collection<UUID> tenantIds, Collection<UUID> listingIds) {
		return transactions.readMany(reader, db -> db.sql(ListingSearch.fill(BY_KEYS, Map.of("columns", COLUMNS, "visible", VISIBLE)))
			.bind("tenants", tenantIds.stream().distinct().toArray(UUID[]::new))
			.bind("ids", listingIds.toArray(UUID[]::new))
			.bind("current", reader.tenantId())
			.map(row -> mapWithCompany(row, cards))
			.all());
	}

	/** Writes a listing and its translations, and refreshes its search document, in the caller's transaction. */
	Mono<Listing> insert(DatabaseClient db, Listing listing) {
		Sql insert = new Sql("""
				INSERT INTO listing (tenant_id, listing_id, member_id, kind, status, visibility, locale, hs_code,
				  quantity_value, quantity_unit, price_amount, price_currency, incoterm, origin_country, published_at, expires_at)
				VALUES (:tenant, :id, :member, :kind, :status, :visibility, :locale, :hsCode,
				  :quantityValue, :quantityUnit, :priceAmount, :priceCurrency, :incoterm, :originCountry, :publishedAt, :expiresAt)""")
			.bind("tenant", listing.tenantId()).bind("id", listing.listingId()).bind("member", listing.memberId())
			.bind("kind", listing.kind().name()).bind("status", listing.status().name()).bind("visibility", listing.visibility().name())
			.bind("locale", listing.locale()).bind("hsCode", listing.hsCode());
		return optional(insert.on(db), listing).fetch().rowsUpdated()
			.then(writeTranslations(db, listing))
			.then(reload(db, listing));
	}

	/** A listing written in a transaction of its own chamber (demo data). */
	Mono<Listing> insert(Listing listing) {
		return transactions.mono(Reader.chamber(listing.tenantId()), db -> insert(db, listing));
	}

	/** Updates a listing if it is still at the version read (empty otherwise), in the caller's transaction. */
	Mono<Listing> update(DatabaseClient db, Listing listing, int expectedVersion) {
		Sql update = new Sql("""
				UPDATE listing SET status = :status, visibility = :visibility, locale = :locale, hs_code = :hsCode,
				  quantity_value = :quantityValue, quantity_unit = :quantityUnit, price_amount = :priceAmount,
				  price_currency = :priceCurrency, incoterm = :incoterm, origin_country = :originCountry,
				  published_at = :publishedAt, expires_at = :expiresAt, version = version + 1, updated_at = now()
				WHERE tenant_id = :tenant AND listing_id = :id AND version = :version""")
			.bind("tenant", listing.tenantId()).bind("id", listing.listingId()).bind("version", expectedVersion)
			.bind("status", listing.status().name()).bind("visibility", listing.visibility().name())
			.bind("locale", listing.locale()).bind("hsCode", listing.hsCode());
		return optional(update.on(db), listing).fetch().rowsUpdated()
			.filter(rows -> rows == 1)
			.flatMap(rows -> db.sql("DELETE FROM listing_translation WHERE tenant_id = :tenant AND listing_id = :id")
				.bind("tenant", listing.tenantId()).bind("id", listing.listingId()).fetch().rowsUpdated()
				.then(writeTranslations(db, listing))
				.then(reload(db, listing)));
	}

	/**
	 * The company's published listings other than this one, its member row locked first so that
	 * concurrent publications of the company count one after the other (the caller's transaction).
	 */
	Mono<Long> lockAndCountOtherPublished(DatabaseClient db, Listing listing) {
		return db.sql("SELECT 1 FROM member WHERE tenant_id = :tenant AND member_id = :member FOR UPDATE")
			.bind("tenant", listing.tenantId()).bind("member", listing.memberId())
			.fetch().rowsUpdated()
			.then(db.sql("""
					SELECT count(*) AS n FROM listing WHERE tenant_id = :tenant AND member_id = :member
					AND status = 'PUBLISHED' AND listing_id <> :id""")
				.bind("tenant", listing.tenantId()).bind("member", listing.memberId()).bind("id", listing.listingId())
				.map(row -> row.get("n", Long.class))
				.one());
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

	private static Mono<Listing> reload(DatabaseClient db, Listing listing) {
		return db.sql("SELECT " + COLUMNS + " FROM listing l WHERE l.tenant_id = :tenant AND l.listing_id = :id")
			.bind("tenant", listing.tenantId()).bind("id", listing.listingId())
			.map(ListingRepository::map).one();
	}

	private static DatabaseClient.GenericExecuteSpec optional(DatabaseClient.GenericExecuteSpec spec, Listing l) {
		spec = nullable(spec, "quantityValue", l.quantityValue(), BigDecimal.class);
		spec = nullable(spec, "quantityUnit", l.quantityUnit(), String.class);
		spec = nullable(spec, "priceAmount", l.priceAmount(), BigDecimal.class);
		spec = nullable(spec, "priceCurrency", l.priceCurrency(), String.class);
		spec = nullable(spec, "incoterm", l.incoterm() == null ? null : l.incoterm().name(), String.class);
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

	/** A published listing that expires soon, with its title in its own language. */
	record Expiring(UUID listingId, UUID memberId, String title, OffsetDateTime expiresAt) {
	}

	/**
	 * The chamber's published listings expiring within {@code within} that were not told yet, marked told,
	 * and {@code tell} run for each in the same transaction. How many.
	 */
	Mono<Long> expiringSoon(UUID tenantId, Duration within, BiFunction<DatabaseClient, Expiring, Mono<Void>> tell) {
		return transactions.mono(Reader.chamber(tenantId), db -> db.sql("""
				UPDATE listing l SET expiry_noticed_at = now()
				WHERE l.tenant_id = :tenant AND l.status = 'PUBLISHED' AND l.expiry_noticed_at IS NULL
				  AND l.expires_at > now() AND l.expires_at <= now() + make_interval(secs => :within)
				RETURNING l.listing_id, l.member_id, l.expires_at,
				  (SELECT t.title FROM listing_translation t WHERE t.tenant_id = l.tenant_id AND t.listing_id = l.listing_id
				   ORDER BY t.locale = l.locale DESC, t.locale LIMIT 1) AS title""")
			.bind("tenant", tenantId).bind("within", (double) within.toSeconds())
			.map(row -> new Expiring(row.get("listing_id", UUID.class), row.get("member_id", UUID.class), row.get("title", String.class),
					row.get("expires_at", OffsetDateTime.class)))
			.all()
			.concatMap(expiring -> tell.apply(db, expiring).thenReturn(expiring), 0)
			.count());
	}

	Mono<Integer> publishedCount(UUID tenantId) {
		return transactions.read(Reader.chamber(tenantId), db -> db.sql(
				"SELECT count(*) AS n FROM listing WHERE tenant_id = :tenant AND status = 'PUBLISHED'")
			.bind("tenant", tenantId).map(row -> row.get("n", Long.class).intValue()).one());
	}

	Mono<Integer> countForMember(UUID tenantId, UUID memberId) {
		return transactions.read(Reader.chamber(tenantId), db -> db.sql("SELECT count(*) AS n FROM listing WHERE tenant_id = :tenant AND member_id = :member")
			.bind("tenant", tenantId).bind("member", memberId).map(row -> row.get("n", Long.class).intValue()).one());
	}

	private static Incoterm incoterm(String name) {
		return name == null ? null : Incoterm.valueOf(name);
	}

	/** A listing read with its company ({@code company::text AS company}, from {@code member_card}). */
	static Listing mapWithCompany(Readable row, MemberDirectory cards) {
		return map(row).with(new Listing.Company(cards.card(row.get("company", String.class))));
	}

	static Listing map(Readable row) {
		String json = row.get("translations", String.class);
		Map<String, Listing.Translation> translations = new LinkedHashMap<>();
		if (json != null) {
			// Jackson's shared mapper: the search's static statements map rows too, and a map of strings needs no settings
			Map<String, Map<String, String>> raw = JsonMapper.shared().readValue(json, new TypeReference<Map<String, Map<String, String>>>() {
			});
			raw.forEach((locale, t) -> translations.put(locale, new Listing.Translation(t.get("title"), t.get("description"))));
		}
		return new Listing(row.get("tenant_id", UUID.class), row.get("listing_id", UUID.class), row.get("member_id", UUID.class),
				ListingKind.valueOf(row.get("kind", String.class)), ListingStatus.valueOf(row.get("status", String.class)),
				Visibility.valueOf(row.get("visibility", String.class)),
				row.get("locale", String.class), row.get("hs_code", String.class), row.get("quantity_value", BigDecimal.class),
				row.get("quantity_unit", String.class), row.get("price_amount", BigDecimal.class),
				row.get("price_currency", String.class), incoterm(row.get("incoterm", String.class)), row.get("origin_country", String.class),
				row.get("published_at", OffsetDateTime.class), row.get("expires_at", OffsetDateTime.class),
				row.get("version", Integer.class), translations, Boolean.TRUE.equals(row.get("member_active", Boolean.class)));
	}

}
