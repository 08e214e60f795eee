package org.comptoir.api.support;

import java.time.Duration;

import org.comptoir.api.database.SqlStatements;

/**
 * Waits for the API to stop talking to PostgreSQL: what a test counts per request is then that
 * request's, not the tail of an earlier test's work off the request (match notifications, cancelled
 * statements being cleaned up).
 */
public final class QuietDatabase {

	private static final Duration QUIET = Duration.ofMillis(300);

	private static final Duration AT_MOST = Duration.ofSeconds(10);

	private QuietDatabase() {
	}

	/** Returns once no round trip has been made for 300 ms (or after 10 s). */
	public static void await(SqlStatements statements) {
		long deadline = System.nanoTime() + AT_MOST.toNanos();
		long seen = statements.roundTrips();
		while (System.nanoTime() < deadline) {
			try {
				Thread.sleep(QUIET.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			long now = statements.roundTrips();
			if (now == seen) {
				return;
			}
			seen = now;
		}
	}

}
