package org.comptoir.api.alerts;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.comptoir.api.listing.ListingFilter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** A company's saved searches, and the job's claim on them; every statement runs in the caller's transaction. */
@Repository
class SavedSearchRepository {

	private static final String COLUMNS = """
			s.tenant_id, s.saved_search_id, s.member_id, s.name, s.query, s.filter::text AS filter, s.alert, s.created_at,
			s.alerted_at, s.version""";

	/** A saved search the job runs: its row, and the log position it was last run up to. */
	record Due(SavedSearch search, String checkedThrough) {
	}

	private final JsonMapper json;

	SavedSearchRepository(JsonMapper json) {
		this.json = json;
	}

	Flux<SavedSearch> ofMember(DatabaseClient db, UUID tenantId, UUID memberId) {
		return db.sql("SELECT " + COLUMNS + """

				FROM saved_search s WHERE s.tenant_id = :tenant AND s.member_id = :member
				ORDER BY s.created_at, s.saved_search_id""")
			.bind("tenant", tenantId).bind("member", memberId).map(this::map).all();
	}

	Mono<SavedSearch> find(DatabaseClient db, UUID tenantId, UUID memberId, UUID id) {
		return db.sql("SELECT " + COLUMNS + """

				FROM saved_search s WHERE s.tenant_id = :tenant AND s.member_id = :member AND s.saved_search_id = :id""")
			.bind("tenant", tenantId).bind("member", memberId).bind("id", id).map(this::map).one();
	}

	/**
	 * The company's saved searches counted under a lock of the company's saves (a transaction's advisory
	 * lock), so that two saves at once cannot both pass the limit.
	 */
	Mono<Integer> lockAndCount(DatabaseClient db, UUID tenantId, UUID memberId) {
		return db.sql("""
				SELECT (SELECT count(*) FROM saved_search WHERE tenant_id = :tenant AND member_id = :member)::int AS n
				FROM pg_advisory_xact_lock(hashtextextended('saved_search:' || :tenant::text || ':' || :member::text, 0))""")
			.bind("tenant", tenantId).bind("member", memberId).map(row -> row.get("n", Integer.class)).one();
	}

	/** A new saved search, run from the log's position {@code from} (the save's own horizon). */
	Mono<SavedSearch> insert(DatabaseClient db, SavedSearch s, UUID createdBy, String from) {
		return db.sql("""
				INSERT INTO saved_search (tenant_id, saved_search_id, member_id, created_by, name, query, filter, alert, checked_through)
				VALUES (:tenant, :id, :member, :createdBy, :name, :query, CAST(:filter AS jsonb), :alert, CAST(:from AS xid8))
				RETURNING\s""" + COLUMNS.replace("s.", ""))
			.bind("tenant", s.tenantId()).bind("id", s.savedSearchId()).bind("member", s.memberId()).bind("createdBy", createdBy)
			.bind("name", s.name()).bind("query", Parameter.fromOrEmpty(s.query(), String.class))
			.bind("filter", json.writeValueAsString(s.filter())).bind("alert", s.alert().name()).bind("from", from)
			.map(this::map).one();
	}

	/**
	 * The search's name, words, filter and alert; turned back on from OFF it starts from {@code from}
	 * (what was published while it was off is not told).
	 */
	Mono<SavedSearch> update(DatabaseClient db, SavedSearch s, String from) {
		return db.sql("""
				UPDATE saved_search SET name = :name, query = :query, filter = CAST(:filter AS jsonb), alert = :alert,
				  checked_through = CASE WHEN alert = 'OFF' AND :alert <> 'OFF' THEN CAST(:from AS xid8) ELSE checked_through END,
				  version = version + 1
				WHERE tenant_id = :tenant AND saved_search_id = :id AND member_id = :member
				RETURNING\s""" + COLUMNS.replace("s.", ""))
			.bind("tenant", s.tenantId()).bind("id", s.savedSearchId()).bind("member", s.memberId())
			.bind("name", s.name()).bind("query", Parameter.fromOrEmpty(s.query(), String.class))
			.bind("filter", json.writeValueAsString(s.filter())).bind("alert", s.alert().name()).bind("from", from)
			.map(this::map).one();
	}

	Mono<Long> delete(DatabaseClient db, UUID tenantId, UUID memberId, UUID id) {
		return db.sql("DELETE FROM saved_search WHERE tenant_id = :tenant AND member_id = :member AND saved_search_id = :id")
			.bind("tenant", tenantId).bind("member", memberId).bind("id", id).fetch().rowsUpdated();
	}

	/**
	 * The chamber's searches with an alert on, not run since {@code since} (this run's start), oldest run
	 * first; locked, and those another instance holds skipped: two instances never run the same search at once.
	 */
	Flux<Due> claim(DatabaseClient db, UUID tenantId, OffsetDateTime since, int batch) {
		return db.sql("SELECT " + COLUMNS + ", s.checked_through::text AS checked_through" + """

				FROM saved_search s
				WHERE s.tenant_id = :tenant AND s.alert <> 'OFF' AND s.checked_at < :since
				ORDER BY s.checked_at, s.saved_search_id
				LIMIT :batch
				FOR UPDATE SKIP LOCKED""")
			.bind("tenant", tenantId).bind("since", since).bind("batch", batch)
			.map(row -> new Due(map(row), row.get("checked_through", String.class))).all();
	}

	/** The claimed searches run up to {@code through}; those {@code alerted} told now. One statement. */
	Mono<Long> checked(DatabaseClient db, UUID tenantId, Collection<UUID> ids, Collection<UUID> alerted, String through) {
		return db.sql("""
				UPDATE saved_search s
				SET checked_through = greatest(s.checked_through, CAST(:through AS xid8)), checked_at = now(),
				    alerted_at = CASE WHEN s.saved_search_id = ANY(:alerted) THEN now() ELSE s.alerted_at END
				WHERE s.tenant_id = :tenant AND s.saved_search_id = ANY(:ids)""")
			.bind("tenant", tenantId).bind("ids", ids.toArray(UUID[]::new)).bind("alerted", alerted.toArray(UUID[]::new))
			.bind("through", through).fetch().rowsUpdated();
	}

	/** The database's clock: a run's start, compared with the rows' checked_at. */
	Mono<OffsetDateTime> now(DatabaseClient db) {
		return db.sql("SELECT now() AS now").map(row -> row.get("now", OffsetDateTime.class)).one();
	}

	private SavedSearch map(Readable row) {
		String filter = row.get("filter", String.class);
		return new SavedSearch(row.get("tenant_id", UUID.class), row.get("saved_search_id", UUID.class), row.get("member_id", UUID.class),
				row.get("name", String.class), row.get("query", String.class),
				filter == null ? ListingFilter.NONE : json.readValue(filter, ListingFilter.class), AlertMode.valueOf(row.get("alert", String.class)),
				row.get("created_at", OffsetDateTime.class), row.get("alerted_at", OffsetDateTime.class), row.get("version", Integer.class));
	}

}
