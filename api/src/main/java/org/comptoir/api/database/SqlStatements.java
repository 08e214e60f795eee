package org.comptoir.api.database;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.proxy.callback.ProxyConfig;
import io.r2dbc.proxy.callback.ProxyFactory;
import io.r2dbc.proxy.callback.QueriesExecutionContext;
import io.r2dbc.proxy.core.ConnectionInfo;
import io.r2dbc.proxy.core.MethodExecutionInfo;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.core.StatementInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.r2dbc.autoconfigure.ProxyConnectionFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Counts the SQL statements the API sends (metric {@code comptoir.sql.statements}) and its round trips
 * to PostgreSQL ({@code comptoir.sql.round-trips}: each execution, and each BEGIN, COMMIT and ROLLBACK of
 * a transaction): how tests prove that batch loading keeps a page at a constant number of statements,
 * and what the benchmark reports per request. Logged at TRACE (logger
 * {@code org.comptoir.api.database.SqlStatements}).
 */
@Component
public class SqlStatements implements ProxyConnectionFactoryCustomizer {

	private static final Logger log = LoggerFactory.getLogger(SqlStatements.class);

	/** The connection's methods that send a transaction command of their own. */
	/** How the reader settings' statement begins ({@link TenantTransactions}). */
	private static final String READER_SETTINGS = "set_config('app.tenant_id'";

	private static final Set<String> TRANSACTION_COMMANDS = Set.of("beginTransaction", "commitTransaction", "rollbackTransaction");

	private final AtomicLong total = new AtomicLong();

	private final AtomicLong roundTrips = new AtomicLong();

	private final AtomicLong readerSettings = new AtomicLong();

	private final Counter counter;

	private final Counter roundTripCounter;

	SqlStatements(MeterRegistry meters) {
		this.counter = Counter.builder("comptoir.sql.statements").description("SQL statements sent to PostgreSQL").register(meters);
		this.roundTripCounter = Counter.builder("comptoir.sql.round-trips")
			.description("Round trips to PostgreSQL: executions and transaction commands")
			.register(meters);
	}

	@Override
	public void customize(io.r2dbc.proxy.ProxyConnectionFactory.Builder builder) {
		rowsAsTheDriverGivesThem(builder.getProxyConfig());
		builder.listener(new ProxyExecutionListener() {
			@Override
			public void afterQuery(QueryExecutionInfo execution) {
				int statements = Math.max(1, execution.getQueries().size());
				if (log.isTraceEnabled()) {
					execution.getQueries().forEach(query -> log.trace("{}", query.getQuery()));
				}
				total.addAndGet(statements);
				if (execution.getQueries().stream().anyMatch(query -> query.getQuery().contains(READER_SETTINGS))) {
					readerSettings.incrementAndGet();
				}
				counter.increment(statements);
				roundTrip();
			}

			@Override
			public void afterMethod(MethodExecutionInfo execution) {
				if (execution.getTarget() instanceof Connection && TRANSACTION_COMMANDS.contains(execution.getMethod().getName())) {
					roundTrip();
				}
			}
		});
	}

	/**
	 * Connections, statements and results through the proxy (what is counted here), rows as the driver
	 * gives them: a proxy per row, there for a row converter this API does not use, called the listeners
	 * on every column read (a sixth of a search page's CPU in a profile).
	 */
	private static void rowsAsTheDriverGivesThem(ProxyConfig config) {
		ProxyFactory proxies = config.getProxyFactory();
		config.setProxyFactoryFactory(same -> new ProxyFactory() {
			@Override
			public ConnectionFactory wrapConnectionFactory(ConnectionFactory connectionFactory) {
				return proxies.wrapConnectionFactory(connectionFactory);
			}

			@Override
			public Connection wrapConnection(Connection connection, ConnectionInfo info) {
				return proxies.wrapConnection(connection, info);
			}

			@Override
			public Batch wrapBatch(Batch batch, ConnectionInfo info) {
				return proxies.wrapBatch(batch, info);
			}

			@Override
			public Statement wrapStatement(Statement statement, StatementInfo info, ConnectionInfo connection) {
				return proxies.wrapStatement(statement, info, connection);
			}

			@Override
			public Result wrapResult(Result result, QueryExecutionInfo info, QueriesExecutionContext context) {
				return proxies.wrapResult(result, info, context);
			}

			@Override
			public Row wrapRow(Row row, QueryExecutionInfo info) {
				return row;
			}

			@Override
			public Result.RowSegment wrapRowSegment(Result.RowSegment segment, QueryExecutionInfo info) {
				return segment;
			}
		});
	}

	private void roundTrip() {
		roundTrips.incrementAndGet();
		roundTripCounter.increment();
	}

	/** Statements sent since start. */
	public long total() {
		return total.get();
	}

	/**
	 * Statements that set who the work reads for ({@link TenantTransactions}): one per transaction, and
	 * one per read whose pooled connection last read for someone else, so their number depends on which
	 * connections the pool hands out; tests count the statements of the work without them.
	 */
	public long readerSettings() {
		return readerSettings.get();
	}

	/** Round trips to PostgreSQL since start. */
	public long roundTrips() {
		return roundTrips.get();
	}

}
