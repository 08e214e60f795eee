package org.comptoir.api.protection;

import java.time.Duration;
import java.util.UUID;

import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The idempotency keys of one chamber, in its own row-level-secured table. */
@Component
class IdempotencyStore {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);

	/** What is known of a key: its request's fingerprint, and its first response once there is one. */
	record Entry(String fingerprint, String response, boolean running) {
	}

	private final TenantTransactions transactions;

	private final TenantRegistry registry;

	private final Idempotency settings;

	IdempotencyStore(TenantTransactions transactions, TenantRegistry registry, Idempotency settings) {
		this.transactions = transactions;
		this.registry = registry;
		this.settings = settings;
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
				  SET fingerprint = EXCLUDED.fingerprint, locked_until = EXCLUDED.locked_until, response = NULL, created_at = now()
				  WHERE (idempotency_key.response IS NULL AND idempotency_key.locked_until < now()
				         AND idempotency_key.fingerprint = EXCLUDED.fingerprint)
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
				SELECT fingerprint, response::text AS response, locked_until > now() AS running
				FROM idempotency_key WHERE tenant_id = :tenant AND caller = :caller AND idempotency_key = :key""")
			.bind("tenant", tenant).bind("caller", caller).bind("key", key)
			.map(row -> new Entry(row.get("fingerprint", String.class), row.get("response", String.class),
					Boolean.TRUE.equals(row.get("running", Boolean.class))))
			.one());
	}

	Mono<Void> complete(UUID tenant, String caller, String key, String response) {
		return transactions.mono(tenant, db -> db.sql("""
				UPDATE idempotency_key SET response = :response::jsonb, locked_until = NULL
				WHERE tenant_id = :tenant AND caller = :caller AND idempotency_key = :key""")
			.bind("tenant", tenant).bind("caller", caller).bind("key", key).bind("response", response)
			.fetch().rowsUpdated()).then();
	}

	/** Gives the key back: the request did nothing a retry should not do again. */
	Mono<Void> release(UUID tenant, String caller, String key) {
		return transactions.mono(tenant, db -> db.sql("""
				DELETE FROM idempotency_key
				WHERE tenant_id = :tenant AND caller = :caller AND idempotency_key = :key AND response IS NULL""")
			.bind("tenant", tenant).bind("caller", caller).bind("key", key)
			.fetch().rowsUpdated()).then();
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
