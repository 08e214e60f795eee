package org.comptoir.api.member;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.r2dbc.spi.Readable;
import org.comptoir.api.database.Sql;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.graphql.Cursors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class MemberRepository {

	/** What the directory asks for; statuses null means every status the caller may see. */
	record DirectoryQuery(String text, List<MemberStatus> statuses, Boolean verified, String country,
			List<String> hsCodePrefixes, int first, Cursor after) {
	}

	/** Keyset position: the sort key of the last row seen, so inserted rows never shift a page. */
	record Cursor(String sortName, UUID memberId) {

		String encode() {
			return Cursors.encode(sortName, memberId);
		}

		static Optional<Cursor> decode(String cursor) {
			return Cursors.decode(cursor, 2, v -> new Cursor(v.get(0), UUID.fromString(v.get(1))));
		}
	}

	record Row(Member member, String sortName) {
	}

	record Page(List<Row> rows, boolean hasNext, int totalCount) {
	}

	record Review(UUID reviewId, UUID memberId, String decision, MemberStatus fromStatus, MemberStatus toStatus, String detail,
			String reason, UUID actorId, String actorEmail, OffsetDateTime decidedAt) {
	}

	static final String COLUMNS = """
			m.tenant_id, m.member_id, m.name, m.legal_name, m.status, m.tier, m.verified, m.country, m.city, m.website,
			m.descriptions::text AS descriptions, m.version""";

	/**
	 * Which members the reader sees ({@code :current}, its chamber): its chamber's own, the public
	 * profile of active companies with a live network listing, and of companies in contact with the
	 * reader's own company (matchmaking's {@code member_in_contact}, which reads {@code app.member_id}).
	 */
	static final String VISIBLE = """
			(m.tenant_id = :current OR (m.status = 'ACTIVE' AND member_in_network(m.tenant_id, m.member_id))
			 OR member_in_contact(m.tenant_id, m.member_id))""";

	private final TenantTransactions transactions;

	private final JsonMapper mapper;

	private final Readers readers;

	MemberRepository(TenantTransactions transactions, JsonMapper mapper, Readers readers) {
		this.transactions = transactions;
		this.mapper = mapper;
		this.readers = readers;
	}

	Mono<Member> find(UUID tenantId, UUID memberId) {
		return transactions.read(tenantId, db -> db
			.sql("SELECT " + COLUMNS + " FROM member m WHERE m.tenant_id = :tenant AND m.member_id = :id")
			.bind("tenant", tenantId)
			.bind("id", memberId)
			.map(this::map)
			.one());
	}

	Mono<Member> findByUser(UUID tenantId, UUID userId) {
		return transactions.read(tenantId, db -> db.sql("SELECT " + COLUMNS + " " + """
				 FROM member_user u JOIN member m ON m.tenant_id = u.tenant_id AND m.member_id = u.member_id
				WHERE u.tenant_id = :tenant AND u.user_id = :user""")
			.bind("tenant", tenantId)
			.bind("user", userId)
			.map(this::map)
			.one());
	}

	Mono<Boolean> isUserOf(UUID tenantId, UUID memberId, UUID userId) {
		return transactions.read(tenantId, db -> db.sql(
				"SELECT count(*) AS n FROM member_user WHERE tenant_id = :tenant AND member_id = :member AND user_id = :user")
			.bind("tenant", tenantId)
			.bind("member", memberId)
			.bind("user", userId)
			.map(row -> row.get("n", Long.class) > 0)
			.one());
	}

	/** Members of any chamber, as visible to the reader ({@link #VISIBLE}). One statement for a batch. */
	Flux<Member> findVisible(Reader reader, Collection<UUID> tenantIds, Collection<UUID> memberIds) {
		return transactions.readMany(reader, db -> db.sql("SELECT " + COLUMNS
				+ "\nFROM member m WHERE m.tenant_id = ANY(:tenants) AND m.member_id = ANY(:ids) AND " + VISIBLE)
			.bind("tenants", tenantIds.stream().distinct().toArray(UUID[]::new))
			.bind("ids", memberIds.stream().distinct().toArray(UUID[]::new))
			.bind("current", reader.tenantId())
			.map(this::map)
			.all());
	}

	Mono<Page> search(UUID tenantId, DirectoryQuery query) {
		Sql filter = new Sql(" FROM member m WHERE m.tenant_id = :tenant").bind("tenant", tenantId);
		if (query.statuses() != null) {
			filter.append(" AND m.status = ANY(:statuses)", "statuses", query.statuses().stream().map(MemberStatus::name).toArray(String[]::new));
		}
		if (query.verified() != null) {
			filter.append(" AND m.verified = :verified", "verified", query.verified());
		}
		if (query.country() != null) {
			filter.append(" AND m.country = :country", "country", query.country());
		}
		if (query.hsCodePrefixes() != null && !query.hsCodePrefixes().isEmpty()) {
			filter.append("""
					 AND EXISTS (SELECT 1 FROM member_sector s WHERE s.tenant_id = m.tenant_id AND s.member_id = m.member_id
					             AND s.hs_code LIKE ANY(:prefixes))""", "prefixes",
					query.hsCodePrefixes().stream().map(p -> p + "%").toArray(String[]::new));
		}
		if (query.text() != null && !query.text().isBlank()) {
			// accent-free, case-free: substring, or close enough to a word of the name (typos)
			filter.append("""
					 AND (immutable_unaccent(lower(m.name)) LIKE '%' || immutable_unaccent(lower(:text)) || '%'
					      OR word_similarity(immutable_unaccent(lower(:text)), immutable_unaccent(lower(m.name))) >= 0.4)""", "text",
					query.text().trim());
		}
		Sql count = new Sql("SELECT count(*) AS n").append(filter);
		Sql page = new Sql("SELECT " + COLUMNS + ", lower(m.name) AS sort_name").append(filter);
		if (query.after() != null) {
			page.append(" AND (lower(m.name), m.member_id) > (:afterName, :afterId)")
				.bind("afterName", query.after().sortName())
				.bind("afterId", query.after().memberId());
		}
		page.append(" ORDER BY lower(m.name), m.member_id LIMIT :limit").bind("limit", query.first() + 1);
		return transactions.read(tenantId, db -> page.on(db)
			.map(row -> new Row(map(row), row.get("sort_name", String.class)))
			.all()
			.collectList()
			.zipWith(count.on(db).map(row -> row.get("n", Long.class).intValue()).one())
			.map(both -> {
				List<Row> rows = both.getT1();
				boolean hasNext = rows.size() > query.first();
				return new Page(hasNext ? rows.subList(0, query.first()) : rows, hasNext, both.getT2());
			}));
	}

	/** A new company, PENDING and FREE, owned by the user who registers it: all of it or nothing. */
	Mono<Member> insert(UUID tenantId, Member member, List<Registration> registrations, List<String> sectors,
			UUID ownerId, String ownerEmail) {
		return insertRows(tenantId, member, registrations, sectors, ownerId, ownerEmail).doOnSuccess(done -> readers.forget(tenantId));
	}

	private Mono<Member> insertRows(UUID tenantId, Member member, List<Registration> registrations, List<String> sectors,
			UUID ownerId, String ownerEmail) {
		return transactions.mono(tenantId, db -> {
			Sql insert = new Sql("""
					INSERT INTO member (tenant_id, member_id, name, legal_name, status, tier, verified, country, city, website, descriptions)
					VALUES (:tenant, :id, :name, :legalName, :status, :tier, :verified, :country, :city, :website, :descriptions::jsonb)""")
				.bind("tenant", tenantId)
				.bind("id", member.memberId())
				.bind("name", member.name())
				.bind("status", member.status().name())
				.bind("tier", member.tier().name())
				.bind("verified", member.verified())
				.bind("country", member.country())
				.bind("descriptions", mapper.writeValueAsString(member.descriptions()));
			DatabaseClient.GenericExecuteSpec spec = nullable(nullable(nullable(insert.on(db), "legalName", member.legalName()),
					"city", member.city()), "website", member.website());
			Mono<Long> owner = ownerId == null ? Mono.just(0L) : db.sql("""
					INSERT INTO member_user (tenant_id, user_id, member_id, email, role) VALUES (:tenant, :user, :member, :email, 'OWNER')""")
				.bind("tenant", tenantId).bind("user", ownerId).bind("member", member.memberId()).bind("email", ownerEmail)
				.fetch().rowsUpdated();
			return spec.fetch().rowsUpdated()
				.then(owner)
				.thenMany(Flux.fromIterable(registrations).concatMap(r -> db.sql("""
						INSERT INTO member_registration (tenant_id, member_id, scheme, value) VALUES (:tenant, :member, :scheme, :value)""")
					.bind("tenant", tenantId).bind("member", member.memberId()).bind("scheme", r.scheme()).bind("value", r.value())
					.fetch().rowsUpdated()))
				.thenMany(Flux.fromIterable(sectors).concatMap(code -> db.sql("""
						INSERT INTO member_sector (tenant_id, member_id, hs_code) VALUES (:tenant, :member, :code)""")
					.bind("tenant", tenantId).bind("member", member.memberId()).bind("code", code)
					.fetch().rowsUpdated()))
				.then(db.sql("SELECT " + COLUMNS + " FROM member m WHERE m.tenant_id = :tenant AND m.member_id = :id")
					.bind("tenant", tenantId).bind("id", member.memberId()).map(this::map).one());
		});
	}

	/**
	 * Applies a decision if the member is still at the version and in the status it was read in, and
	 * records it in the review log, in one transaction; empty when another decision came first (no
	 * lost update). Read for the whole chamber: the status trigger moves MEMBERS listings too.
	 */
	Mono<Member> decide(UUID tenantId, Member member, String decision, MemberStatus toStatus, boolean verified, MemberTier tier,
			String reason, UUID actorId, String actorEmail, Function<DatabaseClient, Mono<Void>> alongside) {
		return decideRows(tenantId, member, decision, toStatus, verified, tier, reason, actorId, actorEmail, alongside)
			.doOnSuccess(done -> readers.forget(tenantId));
	}

	private Mono<Member> decideRows(UUID tenantId, Member member, String decision, MemberStatus toStatus, boolean verified,
			MemberTier tier, String reason, UUID actorId, String actorEmail, Function<DatabaseClient, Mono<Void>> alongside) {
		return transactions.mono(Reader.chamber(tenantId), db -> db.sql("""
				UPDATE member SET status = :to, verified = :verified, tier = :tier, version = version + 1, updated_at = now()
				WHERE tenant_id = :tenant AND member_id = :id AND version = :version AND status = :from""")
			.bind("to", toStatus.name()).bind("verified", verified).bind("tier", tier.name())
			.bind("tenant", tenantId).bind("id", member.memberId()).bind("version", member.version())
			.bind("from", member.status().name())
			.fetch().rowsUpdated()
			.filter(updated -> updated == 1)
			.flatMap(updated -> nullable(db.sql("""
					INSERT INTO member_review (tenant_id, review_id, member_id, decision, from_status, to_status, detail, reason, actor_id, actor_email)
					VALUES (:tenant, :review, :member, :decision, :from, :to, :detail, :reason, :actor, :email)""")
				.bind("tenant", tenantId).bind("review", UUID.randomUUID()).bind("member", member.memberId())
				.bind("decision", decision).bind("from", member.status().name()).bind("to", toStatus.name())
				.bind("detail", "tier=" + tier + ", verified=" + verified)
				.bind("actor", actorId).bind("email", actorEmail), "reason", reason)
				.fetch().rowsUpdated()
				.then(alongside.apply(db))
				.then(db.sql("SELECT " + COLUMNS + " FROM member m WHERE m.tenant_id = :tenant AND m.member_id = :id")
					.bind("tenant", tenantId).bind("id", member.memberId()).map(this::map).one())));
	}

	/** Profile fields; refused (empty) when the version is not the one the client read. */
	Mono<Member> updateProfile(UUID tenantId, UUID memberId, int expectedVersion, String name, String legalName,
			String city, String website, Map<String, String> descriptions) {
		return transactions.mono(tenantId, db -> {
			Sql update = new Sql("""
					UPDATE member SET name = :name, legal_name = :legalName, city = :city, website = :website,
					  descriptions = :descriptions::jsonb, version = version + 1, updated_at = now()
					WHERE tenant_id = :tenant AND member_id = :id AND version = :version""")
				.bind("name", name).bind("descriptions", mapper.writeValueAsString(descriptions))
				.bind("tenant", tenantId).bind("id", memberId).bind("version", expectedVersion);
			return nullable(nullable(nullable(update.on(db), "legalName", legalName), "city", city), "website", website)
				.fetch().rowsUpdated()
				.filter(updated -> updated == 1)
				.flatMap(updated -> db.sql("SELECT " + COLUMNS + " FROM member m WHERE m.tenant_id = :tenant AND m.member_id = :id")
					.bind("tenant", tenantId).bind("id", memberId).map(this::map).one());
		});
	}

	/** The company this user owns in the chamber, if any. */
	Mono<UUID> ownerCompany(UUID tenantId, UUID userId) {
		return transactions.mono(tenantId, db -> db.sql(
				"SELECT member_id FROM member_user WHERE tenant_id = :tenant AND user_id = :user AND role = 'OWNER'")
			.bind("tenant", tenantId).bind("user", userId)
			.map(row -> row.get("member_id", UUID.class)).one());
	}

	/** Why a company may not take one more colleague now. */
	/** A company's users, and the colleagues it added in the last 24 hours. */
	record StaffCounts(long users, long today) {
	}

	/** The counts its caps are checked against, before the account is made. */
	Mono<StaffCounts> staffCounts(UUID tenantId, UUID memberId) {
		return transactions.read(tenantId, db -> staffCounts(db, tenantId, memberId));
	}

	/** The counts, the company row locked first: concurrent invitations wait for this transaction. */
	Mono<StaffCounts> lockAndCountStaff(DatabaseClient db, UUID tenantId, UUID memberId) {
		return db.sql("SELECT 1 FROM member WHERE tenant_id = :tenant AND member_id = :member FOR UPDATE")
			.bind("tenant", tenantId).bind("member", memberId)
			.fetch().rowsUpdated()
			.then(staffCounts(db, tenantId, memberId));
	}

	Mono<Void> insertStaff(DatabaseClient db, UUID tenantId, UUID memberId, UUID userId, String email) {
		return db.sql("""
				INSERT INTO member_user (tenant_id, user_id, member_id, email, role) VALUES (:tenant, :user, :member, :email, 'STAFF')""")
			.bind("tenant", tenantId).bind("user", userId).bind("member", memberId).bind("email", email)
			.fetch().rowsUpdated().then();
	}

	private static Mono<StaffCounts> staffCounts(DatabaseClient db, UUID tenantId, UUID memberId) {
		return db.sql("""
				SELECT count(*) AS users, count(*) FILTER (WHERE role = 'STAFF' AND created_at > now() - interval '1 day') AS today
				FROM member_user WHERE tenant_id = :tenant AND member_id = :member""")
			.bind("tenant", tenantId).bind("member", memberId)
			.map(row -> new StaffCounts(row.get("users", Long.class), row.get("today", Long.class)))
			.one();
	}

	Flux<Review> reviews(UUID tenantId, UUID memberId, int first) {
		Sql sql = new Sql("""
				SELECT review_id, member_id, decision, from_status, to_status, detail, reason, actor_id, actor_email, decided_at
				FROM member_review WHERE tenant_id = :tenant""").bind("tenant", tenantId);
		if (memberId != null) {
			sql.append(" AND member_id = :member", "member", memberId);
		}
		sql.append(" ORDER BY decided_at DESC, review_id LIMIT :first").bind("first", first);
		return transactions.readMany(tenantId, db -> sql.on(db).map(row -> new Review(row.get("review_id", UUID.class),
				row.get("member_id", UUID.class), row.get("decision", String.class), MemberStatus.valueOf(row.get("from_status", String.class)),
				MemberStatus.valueOf(row.get("to_status", String.class)), row.get("detail", String.class), row.get("reason", String.class),
				row.get("actor_id", UUID.class), row.get("actor_email", String.class),
				row.get("decided_at", OffsetDateTime.class))).all());
	}

	Mono<Map<MemberStatus, Integer>> countsByStatus(UUID tenantId) {
		return transactions.read(tenantId, db -> db.sql(
				"SELECT status, count(*) AS n FROM member WHERE tenant_id = :tenant GROUP BY status")
			.bind("tenant", tenantId)
			.map(row -> Map.entry(MemberStatus.valueOf(row.get("status", String.class)), row.get("n", Long.class).intValue()))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, Object value) {
		return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
	}

	/**
	 * A company as {@code member_card(tenant, member)} (migration V19) returns it, read by {@link #map}:
	 * the card's keys are {@link #COLUMNS}' names, a JSON object read as text is its JSON (as
	 * {@code descriptions::text} reads). Null for no card: a company hidden from the reader.
	 */
	Member card(String json) {
		Card card = json == null ? null : mapper.readValue(json, Card.class);
		if (card == null) {
			return null;
		}
		return new Member(card.tenantId(), card.memberId(), card.name(), card.legalName(), card.status(), card.tier(),
				Boolean.TRUE.equals(card.verified()), card.country(), card.city(), card.website(),
				card.descriptions() == null ? Map.of() : card.descriptions(), card.version());
	}

	/** {@code member_card}'s JSON, bound in one pass (a tree read column by column cost a page of 20 a tenth of its CPU). */
	@JsonIgnoreProperties(ignoreUnknown = true)
	private record Card(@JsonProperty("tenant_id") UUID tenantId, @JsonProperty("member_id") UUID memberId, String name,
			@JsonProperty("legal_name") String legalName, MemberStatus status, MemberTier tier, Boolean verified, String country,
			String city, String website, Map<String, String> descriptions, int version) {
	}

	Member map(Readable row) {
		String json = row.get("descriptions", String.class);
		Map<String, String> descriptions = json == null ? Map.of() : mapper.readValue(json, new TypeReference<Map<String, String>>() {
		});
		return new Member(row.get("tenant_id", UUID.class), row.get("member_id", UUID.class), row.get("name", String.class),
				row.get("legal_name", String.class), MemberStatus.valueOf(row.get("status", String.class)),
				MemberTier.valueOf(row.get("tier", String.class)),
				Boolean.TRUE.equals(row.get("verified", Boolean.class)), row.get("country", String.class),
				row.get("city", String.class), row.get("website", String.class), descriptions,
				row.get("version", Integer.class));
	}

}
