package org.comptoir.api.database;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * A write that commits with a request's writes, or not at all: put in the Reactor context of the
 * request's work, it runs as the last statement of each of the work's transactions in its chamber,
 * inside them. Idempotency records this way that a keyed mutation's writes committed, so that no
 * disconnect, timeout or crash between the commit and the response can give the key back.
 *
 * @param tenantId the chamber whose transactions carry the mark
 * @param statement the write; it should change nothing when the transaction wrote nothing
 */
public record CommitMark(UUID tenantId, Function<DatabaseClient, Mono<Void>> statement) {

	private static final Object KEY = CommitMark.class;

	/** The context with this mark: every transaction of {@code tenantId} run under it carries it. */
	public Context putIn(Context context) {
		return context.put(KEY, this);
	}

	static Optional<CommitMark> of(ContextView context, UUID tenantId) {
		return context.<CommitMark>getOrEmpty(KEY).filter(mark -> mark.tenantId().equals(tenantId));
	}

}
