package org.comptoir.api.database;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import io.r2dbc.spi.R2dbcException;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.ErrorCode;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.connection.ConnectionFactoryUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Runs database work for one chamber: a transaction whose first statement sets {@code app.tenant_id}
 * (and who the work reads for, {@link Reader}) with {@code set_config(..., true)}, local to that
 * transaction, so row-level security sees the chamber and nothing leaks to the next user of the
 * pooled connection.
 */
@Component
public class TenantTransactions {

	private static final Object STATEMENT_TIMEOUT = TenantTransactions.class.getName() + ".statementTimeout";

	/** PostgreSQL's "canceling statement due to statement timeout" (and a cancel's, which nobody waits for). */
	private static final String QUERY_CANCELED = "57014";

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	TenantTransactions(DatabaseClient database, ReactiveTransactionManager transactionManager) {
		this.database = database;
		this.transactions = TransactionalOperator.create(transactionManager);
	}

	/** Work that reads only what every chamber may read (the chamber list, HS codes): no tenant set. */
	public DatabaseClient shared() {
		return database;
	}

	/**
	 * A bound on each statement of the work run under this context, below the server's own (a request
	 * that may cost less, an anonymous one): past it the statement is ended and the request gets
	 * {@code QUERY_TOO_COMPLEX}.
	 */
	public static Context withStatementTimeout(Context context, Duration timeout) {
		return context.put(STATEMENT_TIMEOUT, timeout);
	}

	/** Work for the chamber with no one's company and no MEMBERS listings ({@link Reader#outsider}). */
	public <T> Mono<T> mono(UUID tenantId, Function<DatabaseClient, Mono<T>> work) {
		return mono(Reader.outsider(tenantId), work);
	}

	public <T> Flux<T> flux(UUID tenantId, Function<DatabaseClient, Flux<T>> work) {
		return flux(Reader.outsider(tenantId), work);
	}

	/**
	 * Work read for someone: row-level security sees their chamber, their company and their reach. A
	 * {@link CommitMark} in the context is the transaction's last statement.
	 */
	public <T> Mono<T> mono(Reader reader, Function<DatabaseClient, Mono<T>> work) {
		return Mono.deferContextual(context -> {
			Mono<Void> mark = mark(context, reader.tenantId());
			return transactions.transactional(transactionConnection()
				.flatMap(connection -> AbandonedStatements.cancelledWith(connection,
						setReader(reader).then(Mono.defer(() -> work.apply(database)))
							.flatMap(value -> mark.thenReturn(value))
							.switchIfEmpty(mark.then(Mono.<T>empty())))));
		}).onErrorMap(TenantTransactions::timedOut, TenantTransactions::tooComplex);
	}

	public <T> Flux<T> flux(Reader reader, Function<DatabaseClient, Flux<T>> work) {
		return Flux.deferContextual(context -> {
			Mono<Void> mark = mark(context, reader.tenantId());
			return transactions.transactional(transactionConnection()
				.flatMapMany(connection -> AbandonedStatements.cancelledWith(connection,
						setReader(reader).thenMany(Flux.defer(() -> work.apply(database))).concatWith(mark.then(Mono.<T>empty())))));
		}).onErrorMap(TenantTransactions::timedOut, TenantTransactions::tooComplex);
	}

	private Mono<Void> mark(ContextView context, UUID tenantId) {
		return CommitMark.of(context, tenantId).map(mark -> Mono.defer(() -> mark.statement().apply(database))).orElse(Mono.empty());
	}

	private static boolean timedOut(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof R2dbcException r2dbc && QUERY_CANCELED.equals(r2dbc.getSqlState())) {
				return true;
			}
		}
		return false;
	}

	private static Throwable tooComplex(Throwable error) {
		return new ApiException(ErrorCode.QUERY_TOO_COMPLEX,
				"The request asked more of the database than its statement timeout allows (statementTimeout); ask for less.");
	}

	/**
	 * Who a transaction reads for, as row-level security sees it (migration V16): the chamber
	 * ({@code app.tenant_id}), the company the caller acts for in it ({@code app.member_id}; null for
	 * anonymous callers, admins and jobs), and whether the chamber's MEMBERS listings are theirs to read
	 * ({@code app.members}: users of an ACTIVE company of the chamber, its admins, its bookkeeping).
	 */
	public record Reader(UUID tenantId, @Nullable UUID memberId, boolean members) {

		/** Anyone with no company of the chamber: anonymous visitors, users of another realm or of none. */
		public static Reader outsider(UUID tenantId) {
			return new Reader(tenantId, null, false);
		}

		/** The chamber itself: its admins, and its own bookkeeping (writes, expiry, counts, triggers). */
		public static Reader chamber(UUID tenantId) {
			return new Reader(tenantId, null, true);
		}
	}

	/** The connection of the current transaction: its statement is cancelled when the work is abandoned. */
	private Mono<io.r2dbc.spi.Connection> transactionConnection() {
		return ConnectionFactoryUtils.getConnection(database.getConnectionFactory());
	}

	/**
	 * The reader, and custom plans for every statement of the transaction: the data is skewed (one
	 * chamber holds a quarter of the listings, one HS heading sixty thousand), so the generic plan
	 * PostgreSQL settles on after five executions of a prepared statement was up to five times
	 * slower for another chamber or code (measured: 19 ms instead of 3.6 ms per filtered search).
	 * A request's own statement timeout, when its context has one, holds for this transaction only.
	 */
	private Mono<Void> setReader(Reader reader) {
		return Mono.deferContextual(context -> {
			var settings = database.sql("""
					SELECT set_config('app.tenant_id', $1, true), set_config('app.member_id', $2, true),
					       set_config('app.members', $3, true), set_config('plan_cache_mode', 'force_custom_plan', true),
					       set_config('statement_timeout', coalesce($4, current_setting('statement_timeout')), true)""")
				.bind(0, reader.tenantId().toString())
				.bind(1, reader.memberId() == null ? "" : reader.memberId().toString())
				.bind(2, reader.members() ? "on" : "off");
			var timeout = context.<Duration>getOrEmpty(STATEMENT_TIMEOUT);
			settings = timeout.isPresent() ? settings.bind(3, Long.toString(timeout.get().toMillis()))
					: settings.bindNull(3, String.class);
			return settings.fetch().rowsUpdated().then();
		});
	}

}
