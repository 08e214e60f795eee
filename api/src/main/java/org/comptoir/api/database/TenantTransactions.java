package org.comptoir.api.database;

import java.util.UUID;
import java.util.function.Function;

import org.springframework.r2dbc.connection.ConnectionFactoryUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Runs database work for one chamber: a transaction whose first statement sets {@code app.tenant_id}
 * with {@code set_config(..., true)}, local to that transaction, so row-level security sees the
 * chamber and nothing leaks to the next user of the pooled connection.
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

	/** Work in the chamber's transaction; a {@link CommitMark} in the context is its last statement. */
	public <T> Mono<T> mono(UUID tenantId, Function<DatabaseClient, Mono<T>> work) {
		return Mono.deferContextual(context -> {
			Mono<Void> mark = mark(context, tenantId);
			return transactions.transactional(transactionConnection()
				.flatMap(connection -> AbandonedStatements.cancelledWith(connection,
						setTenant(tenantId).then(Mono.defer(() -> work.apply(database)))
							.flatMap(value -> mark.thenReturn(value))
							.switchIfEmpty(mark.then(Mono.<T>empty())))));
		});
	}

	public <T> Flux<T> flux(UUID tenantId, Function<DatabaseClient, Flux<T>> work) {
		return Flux.deferContextual(context -> {
			Mono<Void> mark = mark(context, tenantId);
			return transactions.transactional(transactionConnection()
				.flatMapMany(connection -> AbandonedStatements.cancelledWith(connection,
						setTenant(tenantId).thenMany(Flux.defer(() -> work.apply(database))).concatWith(mark.then(Mono.<T>empty())))));
		});
	}

	private Mono<Void> mark(ContextView context, UUID tenantId) {
		return CommitMark.of(context, tenantId).map(mark -> Mono.defer(() -> mark.statement().apply(database))).orElse(Mono.empty());
	}

	/** The connection of the current transaction: its statement is cancelled when the work is abandoned. */
	private Mono<io.r2dbc.spi.Connection> transactionConnection() {
		return ConnectionFactoryUtils.getConnection(database.getConnectionFactory());
	}

	/**
	 * The chamber, and custom plans for every statement of the transaction: the data is skewed (one
	 * chamber holds a quarter of the listings, one HS heading sixty thousand), so the generic plan
	 * PostgreSQL settles on after five executions of a prepared statement can be a hundred times
	 * slower for another chamber or code (measured: 19 ms instead of 3.6 ms per filtered search).
	 */
	private Mono<Void> setTenant(UUID tenantId) {
		return database.sql("SELECT set_config('app.tenant_id', $1, true), set_config('plan_cache_mode', 'force_custom_plan', true)")
			.bind(0, tenantId.toString())
			.fetch()
			.rowsUpdated()
			.then();
	}

}
