package org.comptoir.api.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.tenants.CurrentTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads without a transaction keep their reader as a setting of the pooled connection's session
 * ({@link TenantTransactions#read}): on a pool of two connections, hundreds of reads of different
 * chambers and readers, interleaved with transactions, failing statements and abandoned ones, each see
 * exactly their own chamber, company, reach, statement timeout and plan mode, never the previous user's; and a
 * connection that already reads for the reader costs no statement.
 */
@IntegrationTest
class SessionReaderIntegrationTests {

	static final UUID SENEGAL = CurrentTenant.idOfDefinedChamber("senegal");

	static final UUID MAROC = CurrentTenant.idOfDefinedChamber("maroc");

	static final UUID RWANDA = CurrentTenant.idOfDefinedChamber("rwanda");

	@Autowired
	Environment environment;

	ConnectionPool pool;

	final AtomicInteger statements = new AtomicInteger();

	TenantTransactions transactions;

	/** What the session looked like to one statement: the three settings, the timeout, other chambers' rows seen. */
	record Seen(String tenant, String member, String members, String timeout, String plans, long otherChambersUsers) {
	}

	@BeforeEach
	void smallPool() {
		pool = pool(2);
	}

	@AfterEach
	void closePool() {
		pool.dispose();
	}

	private ConnectionPool pool(int size) {
		ConnectionFactory postgres = ConnectionFactories.get(ConnectionFactoryOptions
			.parse(environment.getRequiredProperty("spring.r2dbc.url"))
			.mutate()
			.option(ConnectionFactoryOptions.USER, environment.getRequiredProperty("spring.r2dbc.username"))
			.option(ConnectionFactoryOptions.PASSWORD, environment.getRequiredProperty("spring.r2dbc.password"))
			// the API's own backstop (protection.StatementTimeout)
			.option(PostgresqlConnectionFactoryProvider.OPTIONS, Map.of("statement_timeout", "30000"))
			.build());
		ConnectionFactory counted = ProxyConnectionFactory.builder(postgres).listener(new ProxyExecutionListener() {
			@Override
			public void afterQuery(QueryExecutionInfo execution) {
				statements.incrementAndGet();
			}
		}).build();
		ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(counted).initialSize(size).maxSize(size).build());
		transactions = new TenantTransactions(DatabaseClient.create(pool), new R2dbcTransactionManager(pool));
		return pool;
	}

	private static Mono<Seen> seen(DatabaseClient db) {
		return db.sql("""
				SELECT current_setting('app.tenant_id', true) AS tenant, current_setting('app.member_id', true) AS member,
				       current_setting('app.members', true) AS members, current_setting('statement_timeout') AS timeout,
				       current_setting('plan_cache_mode') AS plans,
				       (SELECT count(*) FROM member_user WHERE tenant_id <> nullif(current_setting('app.tenant_id', true), '')::uuid) AS others""")
			.map(row -> new Seen(row.get("tenant", String.class), row.get("member", String.class), row.get("members", String.class),
					row.get("timeout", String.class), row.get("plans", String.class), row.get("others", Long.class)))
			.one();
	}

	@Test
	void concurrentReadsOfChambersAndReadersOnTwoConnectionsEachSeeTheirOwn() {
		List<Reader> readers = List.of(Reader.outsider(SENEGAL), Reader.outsider(MAROC), Reader.chamber(RWANDA),
				new Reader(SENEGAL, UUID.randomUUID(), true), new Reader(MAROC, UUID.randomUUID(), false), Reader.chamber(SENEGAL));
		Random random = new Random(15);
		List<Mono<String>> work = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			Reader reader = readers.get(random.nextInt(readers.size()));
			Duration timeout = random.nextBoolean() ? Duration.ofMillis(1500 + random.nextInt(3) * 500) : null;
			boolean generic = random.nextInt(3) == 0;
			int kind = random.nextInt(20);
			Mono<Seen> read = switch (kind) {
				// a transaction between the reads: its settings are its own and end with it
				// (a stray cancel of an abandoned read may end one: QUERY_TOO_COMPLEX, rolled back, never another's rows)
				case 0, 1, 2 -> transactions.mono(reader, SessionReaderIntegrationTests::seen)
					.onErrorResume(ApiException.class, ex -> Mono.empty());
				// a failing statement, then the connection serves the next read
				case 3 -> transactions.read(reader, db -> db.sql("SELECT 1 / 0").fetch().rowsUpdated().then(Mono.<Seen>empty()))
					.onErrorResume(ex -> Mono.empty());
				// abandoned mid-statement: the connection is closed, never returned
				case 4 -> transactions.read(reader, db -> db.sql("SELECT pg_sleep(1)").fetch().rowsUpdated().then(Mono.<Seen>empty()))
					.timeout(Duration.ofMillis(20), Mono.empty());
				default -> transactions.read(reader, SessionReaderIntegrationTests::seen);
			};
			Mono<Seen> withTimeout = timeout == null ? read
					: read.contextWrite(context -> TenantTransactions.withStatementTimeout(context, timeout));
			Mono<Seen> planned = generic ? withTimeout.contextWrite(TenantTransactions::withGenericPlans) : withTimeout;
			work.add(planned.map(seen -> check(seen, reader, timeout, generic)));
		}
		List<String> problems = Flux.fromIterable(work).flatMap(mono -> mono, 8).collectList().block(Duration.ofSeconds(60));
		assertThat(problems).as("reads that saw another reader's settings").containsOnly("ok");
		assertThat(problems.size()).as("reads that answered").isGreaterThan(300);
	}

	private String check(Seen seen, Reader reader, Duration timeout, boolean generic) {
		Seen wanted = new Seen(reader.tenantId().toString(), reader.memberId() == null ? "" : reader.memberId().toString(),
				reader.members() ? "on" : "off", timeout == null ? "30s" : timeout.toMillis() % 1000 == 0
						? timeout.toSeconds() + "s" : timeout.toMillis() + "ms", generic ? "force_generic_plan" : "force_custom_plan", 0);
		return seen.equals(wanted) ? "ok" : "wanted " + wanted + ", saw " + seen;
	}

	@Test
	void aConnectionThatAlreadyReadsForTheReaderCostsNoStatement() {
		pool.dispose();
		pool = pool(1);
		Reader senegal = Reader.outsider(SENEGAL);
		transactions.read(senegal, SessionReaderIntegrationTests::seen).block(Duration.ofSeconds(10));

		int before = statements.get();
		transactions.read(senegal, SessionReaderIntegrationTests::seen).block(Duration.ofSeconds(10));
		assertThat(statements.get() - before).as("statements of a read for the same reader").isEqualTo(1);

		before = statements.get();
		transactions.read(Reader.outsider(MAROC), SessionReaderIntegrationTests::seen).block(Duration.ofSeconds(10));
		assertThat(statements.get() - before).as("statements of a read for another chamber: settings, then the read").isEqualTo(2);

		// a transaction in between leaves the session as it was
		transactions.mono(Reader.chamber(SENEGAL), SessionReaderIntegrationTests::seen).block(Duration.ofSeconds(10));
		before = statements.get();
		Seen seen = transactions.read(Reader.outsider(MAROC), SessionReaderIntegrationTests::seen).block(Duration.ofSeconds(10));
		assertThat(statements.get() - before).isEqualTo(1);
		assertThat(seen.tenant()).isEqualTo(MAROC.toString());
	}

}
