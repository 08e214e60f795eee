package org.comptoir.api.database;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcException;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.ErrorCode;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.connection.ConnectionFactoryUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;

/**
 * Runs database work for one chamber, with row-level security seeing the chamber and who the work
 * reads for ({@link Reader}: {@code app.tenant_id}, {@code app.member_id}, {@code app.members}).
 * <ul>
 * <li>{@link #mono}: a transaction whose first statement sets the reader with
 * {@code set_config(..., true)}, local to it: writes, and reads that must agree with each other.</li>
 * <li>{@link #read}/{@link #readMany}: reads with no transaction at all (no BEGIN, no COMMIT), each
 * statement its own round trip. The reader is a setting of the pooled connection's session, tracked
 * per connection: set (one statement) only when the connection last served someone else, so a page
 * of one statement is one round trip whenever the connection already reads for that reader.</li>
 * </ul>
 * Why a stale reader cannot happen: the tracked value is dropped before the settings are sent and
 * recorded only once PostgreSQL has applied them outside any transaction (a session setting made
 * inside one would be undone by its rollback, so a read that joins a transaction sets them locally
 * instead, untracked); a transaction's local settings end with it and leave the session's as they
 * were; settings cancelled half-way are not recorded, so sent again; and no other code takes
 * connections for tenant tables ({@link #shared} reads only the public chamber list
 * and HS codes). {@code SessionReaderIntegrationTests} runs chambers and readers concurrently on a
 * few connections to show it.
 */
@Component
public class TenantTransactions {

	private static final Object STATEMENT_TIMEOUT = TenantTransactions.class.getName() + ".statementTimeout";

	private static final Object GENERIC_PLANS = TenantTransactions.class.getName() + ".genericPlans";

	/** PostgreSQL's "canceling statement due to statement timeout" (and a cancel's, which nobody waits for). */
	private static final String QUERY_CANCELED = "57014";

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	/**
	 * No transaction, but one connection bound for the whole work (Spring's "empty transaction" of
	 * SUPPORTS propagation: the statements of the work share the connection, and it goes back to the
	 * pool when the work ends), or the caller's transaction when there is one.
	 */
	private final TransactionalOperator reads;

	/** What each pooled connection's session reads for, by the driver's connection (weak: a closed one goes). */
	private final Cache<PostgresqlConnection, Settings> sessions = Caffeine.newBuilder().weakKeys().build();

	TenantTransactions(DatabaseClient database, ReactiveTransactionManager transactionManager) {
		this.database = database;
		this.transactions = TransactionalOperator.create(transactionManager);
		this.reads = TransactionalOperator.create(transactionManager,
				new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_SUPPORTS));
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

	/**
	 * The work's statements planned once per connection (PostgreSQL's generic plan of a prepared
	 * statement) instead of on every execution: for statements whose best plan does not depend on their
	 * parameters. Measured (bench/run.sh PLANS=1, 1,000,000 listings): a chamber's newest page takes the
	 * same plan for the largest chamber and a small one, and runs at 3,400 TPS prepared generic against
	 * 1,040 planned every time; words and filters stay custom (a generic plan was up to five times slower
	 * for another chamber or HS code).
	 */
	public static Context withGenericPlans(Context context) {
		return context.put(GENERIC_PLANS, true);
	}

	/** Work for the chamber with no one's company and no MEMBERS listings ({@link Reader#outsider}). */
	public <T> Mono<T> mono(UUID tenantId, Function<DatabaseClient, Mono<T>> work) {
		return mono(Reader.outsider(tenantId), work);
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
						apply(Settings.of(reader, context), true).then(Mono.defer(() -> work.apply(database)))
							.flatMap(value -> mark.thenReturn(value))
							.switchIfEmpty(mark.then(Mono.<T>empty())))));
		}).onErrorMap(TenantTransactions::timedOut, TenantTransactions::tooComplex);
	}


	/** Reading for the chamber with no one's company ({@link Reader#outsider}), with no transaction. */
	public <T> Mono<T> read(UUID tenantId, Function<DatabaseClient, Mono<T>> work) {
		return read(Reader.outsider(tenantId), work);
	}

	/**
	 * Reading for someone with no transaction: the work's statements run on one connection whose
	 * session reads for the reader (set first when it did not already). Inside a transaction, the work
	 * joins it.
	 */
	public <T> Mono<T> read(Reader reader, Function<DatabaseClient, Mono<T>> work) {
		return Mono.deferContextual(context -> reads.transactional(transactionConnection()
			.flatMap(connection -> AbandonedStatements.cancelledWith(connection,
					settle(connection, reader, context).then(Mono.defer(() -> work.apply(database)))))))
			.retryWhen(Retry.max(1).filter(TenantTransactions::strayCancel))
			.onErrorMap(TenantTransactions::timedOut, TenantTransactions::tooComplex);
	}

	/** The same for rows: read whole (a batch, a page), so that a read run again sends none twice. */
	public <T> Flux<T> readMany(Reader reader, Function<DatabaseClient, Flux<T>> work) {
		return read(reader, db -> work.apply(db).collectList()).flatMapMany(Flux::fromIterable);
	}

	public <T> Flux<T> readMany(UUID tenantId, Function<DatabaseClient, Flux<T>> work) {
		return readMany(Reader.outsider(tenantId), work);
	}

	private Mono<Void> mark(ContextView context, UUID tenantId) {
		return CommitMark.of(context, tenantId).map(mark -> Mono.defer(() -> mark.statement().apply(database))).orElse(Mono.empty());
	}

	/**
	 * A cancel nobody here asked for: the CancelRequest of a read abandoned just as its statement ended
	 * ({@link AbandonedStatements}) reached the next statement on its connection, this one. A read has
	 * nothing to undo, so it runs once more; its own abandonment would have left nobody to tell.
	 */
	private static boolean strayCancel(Throwable error) {
		R2dbcException canceled = canceled(error);
		return canceled != null && canceled.getMessage() != null && canceled.getMessage().contains("user request");
	}

	private static boolean timedOut(Throwable error) {
		return canceled(error) != null;
	}

	/** The cancelled statement's error (57014: a statement timeout, or a CancelRequest) in the causes, if any. */
	private static @Nullable R2dbcException canceled(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof R2dbcException r2dbc && QUERY_CANCELED.equals(r2dbc.getSqlState())) {
				return r2dbc;
			}
		}
		return null;
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
	private Mono<Connection> transactionConnection() {
		return ConnectionFactoryUtils.getConnection(database.getConnectionFactory());
	}

	/** What a session reads for: the reader, the statement timeout (null: the server's), and how it plans. */
	private record Settings(Reader reader, @Nullable Duration timeout, boolean genericPlans) {

		static Settings of(Reader reader, ContextView context) {
			return new Settings(reader, context.<Duration>getOrEmpty(STATEMENT_TIMEOUT).orElse(null),
					context.getOrDefault(GENERIC_PLANS, false));
		}
	}

	/**
	 * The connection's session made to read for the reader, when it does not already: nothing sent when
	 * it does. In a transaction (a read joining a write's), the settings are the transaction's own.
	 */
	private Mono<Void> settle(Connection connection, Reader reader, ContextView context) {
		return TransactionSynchronizationManager.forCurrentTransaction().flatMap(transaction -> {
			Settings wanted = Settings.of(reader, context);
			PostgresqlConnection session = AbandonedStatements.unwrap(connection);
			if (transaction.isActualTransactionActive() || session == null) {
				return apply(wanted, true);
			}
			if (wanted.equals(sessions.getIfPresent(session))) {
				return Mono.empty();
			}
			sessions.invalidate(session);
			return apply(wanted, false).doOnSuccess(done -> sessions.put(session, wanted));
		});
	}

	/**
	 * The reader, and custom plans for every statement unless the work asks generic ones
	 * ({@link #withGenericPlans}): the data is skewed (one chamber holds a quarter
	 * of the listings, one HS heading sixty thousand), so the generic plan PostgreSQL settles on after
	 * five executions of a prepared statement was up to five times slower for another chamber or code
	 * (measured: 19 ms instead of 3.6 ms per filtered search). A request's own statement timeout, when
	 * its context has one, else the server's ({@code reset_val}: what the connection started with, not what
	 * the session's last reader set).
	 * {@code local}: for the current transaction only, else for the session.
	 */
	private Mono<Void> apply(Settings settings, boolean local) {
		var statement = database.sql("""
				SELECT set_config('app.tenant_id', $1, $5), set_config('app.member_id', $2, $5), set_config('app.members', $3, $5),
				       set_config('plan_cache_mode', $6, $5),
				       set_config('statement_timeout', coalesce($4, (SELECT reset_val FROM pg_settings WHERE name = 'statement_timeout')), $5)""")
			.bind(0, settings.reader().tenantId().toString())
			.bind(1, settings.reader().memberId() == null ? "" : settings.reader().memberId().toString())
			.bind(2, settings.reader().members() ? "on" : "off")
			.bind(4, local)
			.bind(5, settings.genericPlans() ? "force_generic_plan" : "force_custom_plan");
		statement = settings.timeout() != null ? statement.bind(3, Long.toString(settings.timeout().toMillis()))
				: statement.bindNull(3, String.class);
		return statement.fetch().rowsUpdated().then();
	}

}
