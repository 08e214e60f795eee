package org.comptoir.api.database;

import java.util.concurrent.atomic.AtomicBoolean;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What happens to the SQL of work nobody waits for any more (request timeout, client gone):
 * r2dbc-postgresql only drains a cancelled statement's rows and lets it run to its end, so the
 * statement is cancelled on the server (PostgreSQL's CancelRequest, sent on a side connection, that
 * arrives when it arrives). The transaction is then rolled back and its connection closed, never
 * returned to the pool: a late CancelRequest then finds its backend gone, instead of cancelling the
 * statement of whoever (another chamber) got the connection next. The connection is closed after the
 * rollback and before the pool takes it back, so the pool's validation on release sees it closed and
 * drops it (closing it at any other moment left the pool handing out dead connections).
 */
final class AbandonedStatements {

	private static final Logger log = LoggerFactory.getLogger(AbandonedStatements.class);

	private AbandonedStatements() {
	}

	/** The work, whose statement is cancelled on the server if the work is cancelled before it ends. */
	static <T> Flux<T> cancelledWith(Connection connection, Flux<T> work) {
		return watched(connection).flatMapMany(abandonment -> work.doOnTerminate(abandonment::end).doOnCancel(abandonment::abandon));
	}

	/** The same for a Mono: done once it has its value. */
	static <T> Mono<T> cancelledWith(Connection connection, Mono<T> work) {
		return watched(connection).flatMap(abandonment -> work.doOnNext(value -> abandonment.end())
			.doOnTerminate(abandonment::end)
			.doOnCancel(abandonment::abandon));
	}

	/** The current transaction's connection, to be closed when its transaction ends if its work was abandoned. */
	private static Mono<Abandonment> watched(Connection connection) {
		return TransactionSynchronizationManager.forCurrentTransaction().map(transaction -> {
			Abandonment abandonment = new Abandonment(unwrap(connection), !transaction.isActualTransactionActive());
			transaction.registerSynchronization(abandonment);
			return abandonment;
		});
	}

	private static final class Abandonment implements TransactionSynchronization {

		private final PostgresqlConnection connection;

		private final AtomicBoolean ended = new AtomicBoolean();

		private final AtomicBoolean abandoned = new AtomicBoolean();

		/**
		 * Work with no transaction ({@link TenantTransactions#read}): Spring gives its connection back to
		 * the pool as the work is cancelled, before any callback of ours could close it, so it is not
		 * closed. The CancelRequest leaves at once, and the next user's statement queues behind the
		 * cancelled one on the connection; but when the work is abandoned between two of its statements
		 * (or as one ends on its own), the cancel reaches the next statement on that connection instead.
		 * A read that meets such a cancel runs once more ({@code TenantTransactions.strayCancel}); a
		 * write's transaction fails (QUERY_TOO_COMPLEX) and is rolled back. Neither reads anything it
		 * should not.
		 */
		private final boolean noTransaction;

		Abandonment(PostgresqlConnection connection, boolean noTransaction) {
			this.connection = connection;
			this.noTransaction = noTransaction;
		}

		void end() {
			ended.set(true);
		}

		void abandon() {
			if (connection == null || ended.get() || !abandoned.compareAndSet(false, true)) {
				return;
			}
			connection.cancelRequest()
				.onErrorResume(ex -> Mono.empty())
				.subscribe(null, null, () -> log.debug("Cancelled an abandoned statement"));
		}

		/** After the rollback, before the pool gets the connection back. */
		@Override
		public Mono<Void> afterCompletion(int status) {
			return abandoned.get() && !noTransaction ? close() : Mono.empty();
		}

		private Mono<Void> close() {
			return Mono.from(connection.close())
				.onErrorResume(ex -> Mono.empty())
				.doOnTerminate(() -> log.debug("Closed the connection of an abandoned statement"));
		}

	}

	/** The driver's own connection under the pool's and the proxy's wrappers (null when none is found). */
	static PostgresqlConnection unwrap(Object connection) {
		Object current = connection;
		for (int i = 0; i < 10 && current != null; i++) {
			if (current instanceof PostgresqlConnection postgres) {
				return postgres;
			}
			current = current instanceof Wrapped<?> wrapped ? wrapped.unwrap() : null;
		}
		return null;
	}

}
