package org.comptoir.api.database;

import java.util.concurrent.atomic.AtomicBoolean;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What happens to the SQL of work nobody waits for any more (request timeout, client gone):
 * r2dbc-postgresql only drains a cancelled statement's rows and lets it run to its end, so the
 * statement is cancelled on the server (PostgreSQL's CancelRequest); the transaction is then rolled
 * back and the connection goes back to the pool as usual. (Closing the physical connection under the
 * pool instead left the pool handing out dead connections after a burst of timeouts, measured with
 * the benchmark.)
 */
final class AbandonedStatements {

	private static final Logger log = LoggerFactory.getLogger(AbandonedStatements.class);

	private AbandonedStatements() {
	}

	/** The work, whose statement is cancelled on the server if the work is cancelled before it ends. */
	static <T> Flux<T> cancelledWith(Connection connection, Flux<T> work) {
		AtomicBoolean ended = new AtomicBoolean();
		return work.doOnTerminate(() -> ended.set(true)).doOnCancel(() -> {
			if (!ended.get()) {
				abandon(connection);
			}
		});
	}

	/** The same for a Mono: done once it has its value. */
	static <T> Mono<T> cancelledWith(Connection connection, Mono<T> work) {
		AtomicBoolean ended = new AtomicBoolean();
		return work.doOnNext(value -> ended.set(true)).doOnTerminate(() -> ended.set(true)).doOnCancel(() -> {
			if (!ended.get()) {
				abandon(connection);
			}
		});
	}

	static void abandon(Connection connection) {
		PostgresqlConnection postgres = unwrap(connection);
		if (postgres == null) {
			return;
		}
		postgres.cancelRequest()
			.onErrorResume(ex -> Mono.empty())
			.subscribe(null, null, () -> log.debug("Cancelled an abandoned statement"));
	}

	private static PostgresqlConnection unwrap(Object connection) {
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
