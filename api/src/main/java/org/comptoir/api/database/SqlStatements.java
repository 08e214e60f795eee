package org.comptoir.api.database;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.r2dbc.autoconfigure.ProxyConnectionFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Counts the SQL statements the API sends (metric {@code comptoir.sql.statements}): how tests prove
 * that batch loading keeps a page at a constant number of statements, and what the benchmark reports
 * per request. Logged at TRACE (logger {@code org.comptoir.api.database.SqlStatements}).
 */
@Component
public class SqlStatements implements ProxyConnectionFactoryCustomizer {

	private static final Logger log = LoggerFactory.getLogger(SqlStatements.class);

	private final AtomicLong total = new AtomicLong();

	private final Counter counter;

	SqlStatements(MeterRegistry meters) {
		this.counter = Counter.builder("comptoir.sql.statements").description("SQL statements sent to PostgreSQL").register(meters);
	}

	@Override
	public void customize(io.r2dbc.proxy.ProxyConnectionFactory.Builder builder) {
		builder.listener(new ProxyExecutionListener() {
			@Override
			public void afterQuery(QueryExecutionInfo execution) {
				int statements = Math.max(1, execution.getQueries().size());
				if (log.isTraceEnabled()) {
					execution.getQueries().forEach(query -> log.trace("{}", query.getQuery()));
				}
				total.addAndGet(statements);
				counter.increment(statements);
			}
		});
	}

	/** Statements sent since start. */
	public long total() {
		return total.get();
	}

}
