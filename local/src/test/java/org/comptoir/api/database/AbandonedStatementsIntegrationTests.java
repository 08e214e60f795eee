package org.comptoir.api.database;

import org.comptoir.local.LocalPostgres;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.Postgres;
import org.comptoir.tenants.CurrentTenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement abandoned mid-flight is cancelled on the server, and its connection never serves anyone
 * again: a CancelRequest arriving late must not find another chamber's statement on it.
 */
@IntegrationTest
class AbandonedStatementsIntegrationTests {

	static final UUID MAROC = CurrentTenant.idOfDefinedChamber("maroc");

	static final UUID SENEGAL = CurrentTenant.idOfDefinedChamber("senegal");

	@Autowired
	TenantTransactions transactions;

	@Autowired
	LocalPostgres server;

	@Test
	void theConnectionOfAnAbandonedStatementIsClosedNotReturnedToThePool() throws InterruptedException {
		Postgres postgres = new Postgres(server);
		AtomicInteger backend = new AtomicInteger();
		Disposable abandoned = transactions.mono(MAROC, db -> db.sql("SELECT pg_backend_pid() AS pid")
			.map(row -> row.get("pid", Integer.class))
			.one()
			.doOnNext(backend::set)
			.then(db.sql("SELECT pg_sleep(30)").fetch().rowsUpdated()))
			.subscribe();
		awaitUntil(() -> backend.get() != 0
				&& postgres.count("SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND query LIKE '%pg_sleep%' AND state = 'active'",
						backend.get()) == 1);

		abandoned.dispose();

		// the statement is cancelled and the backend ends with its connection
		awaitUntil(() -> postgres.count("SELECT count(*) FROM pg_stat_activity WHERE pid = ?", backend.get()) == 0);
		// and no later transaction, whatever its chamber, runs on it
		List<Integer> later = Flux.range(0, 40)
			.flatMap(i -> transactions.mono(i % 2 == 0 ? MAROC : SENEGAL, db -> db.sql("SELECT pg_backend_pid() AS pid, pg_sleep(0.05)")
				.map(row -> row.get("pid", Integer.class))
				.one()), 40)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(later).hasSize(40).doesNotContain(backend.get());
	}

	private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

}
