package org.comptoir.api.protection;

import java.time.Duration;
import java.util.UUID;

import org.comptoir.api.database.CommitMark;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The idempotency keys of one chamber, in its own row-level-secured table. A key goes through: claimed
 * (its request runs), committed (a transaction of that request wrote and committed: marked in that very
 * transaction, see {@link #commitMark}), answered (its first response kept, secrets left out). A claim
 * that never committed is given back when its request fails or goes away; a committed one never is.
 */
@Component
record IdempotencyStore(TenantTransactions transactions, TenantRegistry registry, Idempotency settings) {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);

	/** What is known of a key: its request's fingerprint, and its first response once there is one. */
	record Entry(String fingerprint, String response, boolean running, boolean committed) {
	}

	/**
	 * Claims the key for a request about to run: true when this request runs it (a new key, an expired
	 * one, or a claim whose request died without answering); false when another has it.
	 */
	Mono<Boolean> claim(UUID tenant, String caller, String key, String fingerprint, Duration lease) {
		return transactions.mono(tenant, db -> db.sql("""
				INSERT INTO idempotency_key (tenant_id, caller, idempotency_key, fingerprint, locked_until)
				VALUES (:tenant, :caller, :key, :fingerprint, now() + make_interval(secs => :lease))
				ON CONFLICT (tenant_id, caller, idempotency_key) DO UPDATE
				  SET fingerprint = EXCLUDED.fingerprint, locked_until = EXCLUDED.locked_until, response = NULL,
				      committed_at = NULL, created_at = now()
				  WHERE (idempotency_key.response IS NULL AND idempotency_key.committed_at IS NULL
				         AND idempotency_key.locked_until < now() AND idempotency_key.fingerprint = EXCLUDED.fingerprint)
				     OR idempotency_key.created_at < now() - make_interval(secs => :retention)
				RETURNING 1 AS claimed""")
			.bind("tenant", tenant).bind("caller", caller).bind("key", key).bind("fingerprint", fingerprint)
			.bind("lease", lease.toMillis() / 1000.0).bind("retention", (double) settings.retention().toSeconds())
			.map(row -> true)
			.one()
			.defaultIfEmpty(false));
	}

	Mono<Entry> find(UUID tenant, String caller, String key) {
		return transactions.mono(tenant, db -> db.sql("""
				SELECT fingerprint, response::text AS response, coalesce(locked_until > now(), false) AS running,
				       committed_at IS NOT NULL AS committed
				FROM idempotency_key WHERE tenant_id = :tenant AND caller = :caller AND idempotency_key = :key""")
			.bind("tenant", tenant).bind("caller", caller).bind("key", key)
			.map(row -> new Entry(row.get("fingerprint", String.class), row.get("response", String.class),
					Boolean.TRUE.equals(row.get("running", Boolean.class)), Boolean.TRUE.equals(row.get("committed", Boolean.class))))
			.one());
	}

	/**
	 * The mark the claimed key's request carries into its transactions: the key is committed with the
	 * first of them that writes anything (a transaction has an id once it writes; reads alone leave
	 * the key as it was).
	 */
	CommitMark commitMark(UUID tenant, String caller, String key) {
		return new CommitMark(tenant, db -> db.sql("""
				UPDATE idempotency_key SET committed_at = now()
				WHERE tenant_id = :tenant AND caller = :caller AND idempotency_key = :key
				  AND committed_at IS NULL AND pg_current_xact_id_if_assigned() IS NOT NULL""")
			.bind("tenant", tenant).bind("caller", caller).bind("key", key)
			.fetch().rowsUpdated().then());
	}

	Mono<Void> complete(UUID tenant, String caller, String key, String response) {
		return transactions.mono(tenant, db -> db.sql("""
				UPDATE idempotency_key SET response = :response::jsonb, locked_until = NULL
				WHERE tenant_id = :tenant AND caller = :caller AND idempotency_key = :key""")
			.bind("tenant", tenant).bind("caller", caller).bind("key", key).bind("response", response)
			.fetch().rowsUpdated()).then();
	}

	/**
	 * Gives the key back if its request committed nothing, so that a retry runs it; true if it did.
	 * A committed key stays, without a response if none comes: its request is not running any more.
	 */
	Mono<Boolean> release(UUID tenant, String caller, String key) {
		return transactions.mono(tenant, db -> db.sql("""
				DELETE FROM idempotency_key
				WHERE tenant_id = :tenant AND caller = :caller AND idempotency_key = :key
				  AND response IS NULL AND committed_at IS NULL""")
			.bind("tenant", tenant).bind("caller", caller).bind("key", key)
			.fetch().rowsUpdated()
			.flatMap(deleted -> deleted > 0 ? Mono.just(true) : db.sql("""
					UPDATE idempotency_key SET locked_until = NULL
					WHERE tenant_id = :tenant AND caller = :caller AND idempotency_key = :key AND response IS NULL""")
				.bind("tenant", tenant).bind("caller", caller).bind("key", key)
				.fetch().rowsUpdated().thenReturn(false)));
	}

	@Scheduled(fixedDelayString = "${comptoir.idempotency.cleanup-interval:1h}", initialDelayString = "${comptoir.idempotency.cleanup-interval:1h}")
	void forgetExpired() {
		Flux.fromIterable(registry.all())
			.concatMap(tenant -> transactions.mono(tenant.tenantId(), db -> db.sql(
					"DELETE FROM idempotency_key WHERE tenant_id = :tenant AND created_at < now() - make_interval(secs => :retention)")
				.bind("tenant", tenant.tenantId()).bind("retention", (double) settings.retention().toSeconds())
				.fetch().rowsUpdated()))
			.reduce(0L, Long::sum)
			.onErrorResume(ex -> {
				log.warn("Idempotency key cleanup failed, next run retries: {}", ex.toString());
				return Mono.empty();
			})
			.subscribe();
	}

}
