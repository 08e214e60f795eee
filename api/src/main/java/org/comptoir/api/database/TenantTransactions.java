package org.comptoir.api.database;

import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.connection.ConnectionFactoryUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs database work for one chamber: a transaction whose first statement sets {@code app.tenant_id}
 * (and who the work reads for, {@link Reader}) with {@code set_config(..., true)}, local to that
 * transaction, so row-level security sees the chamber and nothing leaks to the next user of the
 * pooled connection.
 */
@Component
public class TenantTransactions {

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

	/** Work for the chamber with no one's company and no MEMBERS listings ({@link Reader#outsider}). */
	public <T> Mono<T> mono(UUID tenantId, Function<DatabaseClient, Mono<T>> work) {
		return mono(Reader.outsider(tenantId), work);
	}

	public <T> Flux<T> flux(UUID tenantId, Function<DatabaseClient, Flux<T>> work) {
		return flux(Reader.outsider(tenantId), work);
	}

	/** Work read for someone: row-level security sees their chamber, their company and their reach. */
	public <T> Mono<T> mono(Reader reader, Function<DatabaseClient, Mono<T>> work) {
		return transactions.transactional(transactionConnection()
			.flatMap(connection -> AbandonedStatements.cancelledWith(connection,
					setReader(reader).then(Mono.defer(() -> work.apply(database))))));
	}

	public <T> Flux<T> flux(Reader reader, Function<DatabaseClient, Flux<T>> work) {
		return transactions.transactional(transactionConnection()
			.flatMapMany(connection -> AbandonedStatements.cancelledWith(connection,
					setReader(reader).thenMany(Flux.defer(() -> work.apply(database))))));
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
	 * PostgreSQL settles on after five executions of a prepared statement can be a hundred times
	 * slower for another chamber or code (measured: 19 ms instead of 3.6 ms per filtered search).
	 */
	private Mono<Void> setReader(Reader reader) {
		return database.sql("""
				SELECT set_config('app.tenant_id', $1, true), set_config('app.member_id', $2, true),
				       set_config('app.members', $3, true), set_config('plan_cache_mode', 'force_custom_plan', true)""")
			.bind(0, reader.tenantId().toString())
			.bind(1, reader.memberId() == null ? "" : reader.memberId().toString())
			.bind(2, reader.members() ? "on" : "off")
			.fetch()
			.rowsUpdated()
			.then();
	}

}
