package org.comptoir.api.protection;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import graphql.introspection.Introspection;
import graphql.introspection.IntrospectionQuery;
import org.comptoir.local.LocalPostgres;
import org.comptoir.api.identity.IdentityProperties;
import org.comptoir.api.identity.ProvisioningClient;
import org.comptoir.api.support.AppInstance;
import org.comptoir.api.support.Deployment;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.Postgres;
import org.comptoir.api.support.RawGraphQl;
import org.comptoir.api.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An instance with the production profile and tight limits (5 operations per client per 10 minutes,
 * 8 per chamber for france's signed-in users and 8 for its anonymous visitors, 2 s per request, 1 s
 * per anonymous statement; a portal's server trusted to forward, proxies in 10.9.9.0/24), sharing the run's PostgreSQL and Keycloak: rate limits,
 * request timeouts with their SQL, the production profile, and graceful shutdown (last: it stops the
 * instance). Each test uses its own chamber or user, so buckets do not leak between them.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverloadIntegrationTests {

	// a deployment: the run's Keycloak as an external one, reached as the provisioning client
	@Autowired
	IdentityProperties identity;

	@Autowired
	ProvisioningClient provisioningClient;

	private AppInstance instance;

	private Postgres postgres;

	private Tokens tokens;

	@BeforeAll
	void start() {
		instance = AppInstance.start(List.of("production"), Deployment.againstTheRunsKeycloak(identity, provisioningClient,
				"comptoir.rate-limit.per-client.capacity=5", "comptoir.rate-limit.per-client.refill=5",
				"comptoir.rate-limit.per-client.period=10m",
				"comptoir.rate-limit.chambers.france.per-chamber.capacity=8",
				"comptoir.rate-limit.chambers.france.per-chamber.refill=8",
				"comptoir.rate-limit.chambers.france.per-chamber.period=10m",
				"comptoir.rate-limit.chambers.france.per-chamber-anonymous.capacity=8",
				"comptoir.rate-limit.chambers.france.per-chamber-anonymous.refill=8",
				"comptoir.rate-limit.chambers.france.per-chamber-anonymous.period=10m",
				"comptoir.rate-limit.trusted-proxies=10.9.9.0/24",
				"comptoir.rate-limit.trusted-forwarders[0].name=portal",
				"comptoir.rate-limit.trusted-forwarders[0].secret=portal-secret",
				"comptoir.limits.request-timeout=2s", "comptoir.limits.anonymous-statement-timeout=1s"));
		postgres = new Postgres(instance.bean(LocalPostgres.class));
		tokens = new Tokens(instance.bean(IdentityProperties.class).baseUrl());
	}

	@AfterAll
	void stop() {
		if (instance != null) {
			instance.close();
		}
		// the production profile turns introspection off JVM-wide (Spring Boot's way): give it back to the run
		Introspection.enabledJvmWide(true);
	}

	private RawGraphQl anonymous(String slug) {
		return new RawGraphQl(instance.port()).header("X-Tenant", slug);
	}

	private RawGraphQl as(String who, String slug) {
		return anonymous(slug).header("Authorization", "Bearer " + tokens.demo(slug, who + "@" + slug + ".test"));
	}

	private static void assertRateLimited(RawGraphQl.Reply reply, String scope) {
		assertThat(reply.status()).isEqualTo(429);
		assertThat(reply.code()).as(reply.text()).isEqualTo("RATE_LIMITED");
		assertThat(reply.errors().get(0).get("extensions")).asString().contains("scope=" + scope);
		long retryAfter = Long.parseLong(reply.headers().getFirst("Retry-After"));
		assertThat(retryAfter).isBetween(1L, 600L);
		assertThat(reply.json().get("data")).isNull();
	}

	@Test
	@Order(1)
	void aClientOverItsBudgetIsRateLimitedWithRetryAfter() {
		for (int i = 0; i < 5; i++) {
			RawGraphQl.Reply reply = anonymous("senegal").query("{ tenant { slug } }");
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.errors()).isEmpty();
		}
		assertRateLimited(anonymous("senegal").query("{ tenant { slug } }"), "client");
		assertThat(as("owner", "senegal").query("{ tenant { slug } }").errors()).as("a signed-in user has a bucket of their own").isEmpty();
	}

	@Test
	@Order(2)
	void aliasesAndRootFieldsCountAsOperations() {
		RawGraphQl.Reply three = anonymous("maroc").query("{ a: tenant { slug } b: tenant { name } c: tenants { slug } }");
		assertThat(three.errors()).isEmpty();
		assertRateLimited(anonymous("maroc").query("{ a: tenant { slug } b: tenant { name } c: __typename }"), "client");
		assertThat(anonymous("maroc").query("{ a: tenant { slug } b: __typename }").errors()).as("2 tokens were left").isEmpty();
		assertRateLimited(anonymous("maroc").query("{ tenant { slug } }"), "client");
	}

	@Test
	@Order(3)
	void aChamberOverItsBudgetIsRateLimitedForEveryone() {
		for (int i = 0; i < 5; i++) {
			assertThat(as("owner", "france").query("{ tenant { slug } }").errors()).isEmpty();
		}
		for (int i = 0; i < 2; i++) {
			assertThat(as("newcomer", "france").query("{ tenant { slug } }").errors()).isEmpty();
		}
		assertRateLimited(as("admin", "france").query("{ tenant { slug } }"), "chamber");
	}

	/** A portal's visitor, as its server forwards them: the secret, and the visitor's address appended. */
	private RawGraphQl visitor(String slug, String address) {
		return anonymous(slug).header("X-Forwarder-Secret", "portal-secret").header("X-Forwarded-For", address);
	}

	@Test
	@Order(2) // before the chamber's members spend their bucket: one of them takes a token here
	void anonymousVisitorsCannotSpendTheMembersBudget() {
		// ten addresses, as the issue found: they empty the chamber's anonymous bucket, not its members'
		for (int i = 0; i < 8; i++) {
			assertThat(visitor("france", "192.0.2." + i).query("{ tenant { slug } }").errors()).isEmpty();
		}
		assertRateLimited(visitor("france", "192.0.2.8").query("{ tenant { slug } }"), "chamberAnonymous");
		assertRateLimited(visitor("france", "192.0.2.9").query("{ tenant { slug } }"), "chamberAnonymous");
		assertThat(as("newcomer", "france").query("{ tenant { slug } }").errors()).as("members keep their budget").isEmpty();
	}

	@Test
	@Order(3)
	void aForwardedForHeaderCountsOnlyFromATrustedForwarderOrProxy() {
		// no secret: the header is the client's own word, ignored; the socket's address is the client
		for (int i = 0; i < 5; i++) {
			assertThat(anonymous("rwanda").header("X-Forwarded-For", "198.51.100." + i).query("{ tenant { slug } }").errors()).isEmpty();
		}
		assertRateLimited(anonymous("rwanda").header("X-Forwarded-For", "198.51.100.99").query("{ tenant { slug } }"), "client");
		assertRateLimited(anonymous("rwanda").header("X-Forwarder-Secret", "guess").header("X-Forwarded-For", "198.51.100.98")
			.query("{ tenant { slug } }"), "client");

		// the portal's visitors each have a budget of their own ...
		for (int i = 0; i < 5; i++) {
			assertThat(visitor("rwanda", "203.0.113.1").query("{ tenant { slug } }").errors()).isEmpty();
			assertThat(visitor("rwanda", "203.0.113.2").query("{ tenant { slug } }").errors()).isEmpty();
		}
		assertRateLimited(visitor("rwanda", "203.0.113.1").query("{ tenant { slug } }"), "client");
		// ... which a left-most hop the visitor wrote does not reset: the right-most untrusted hop counts,
		// behind trusted proxies too
		assertRateLimited(visitor("rwanda", "10.1.2.3, 203.0.113.1").query("{ tenant { slug } }"), "client");
		assertRateLimited(visitor("rwanda", "10.1.2.4, 203.0.113.1, 10.9.9.7").query("{ tenant { slug } }"), "client");
		assertThat(visitor("rwanda", "203.0.113.1, 203.0.113.3").query("{ tenant { slug } }").errors()).isEmpty();
	}

	@Test
	@Order(3)
	void aDocumentTheStaticLimitsRefuseIsQueryTooComplexWhateverTheBudget() {
		StringBuilder aliases = new StringBuilder("{");
		for (int i = 0; i < 300; i++) {
			aliases.append(" a").append(i).append(": __typename");
		}
		String bomb = aliases.append(" }").toString();
		for (int i = 0; i < 10; i++) {
			RawGraphQl.Reply reply = visitor("maroc", "192.0.2.200").query(bomb);
			assertThat(reply.code()).as(reply.text()).isEqualTo("QUERY_TOO_COMPLEX");
			assertThat(reply.headers().getFirst("Retry-After")).isNull();
		}
		for (int i = 0; i < 5; i++) {
			assertThat(visitor("maroc", "192.0.2.200").query("{ tenant { slug } }").errors()).as("refusals cost no budget").isEmpty();
		}
	}

	@Test
	@Order(4)
	void anAnonymousRequestsStatementsHaveATighterTimeout() throws Exception {
		try (Connection locker = postgres.connect(); Statement statement = locker.createStatement()) {
			locker.setAutoCommit(false);
			statement.execute("LOCK TABLE listing IN ACCESS EXCLUSIVE MODE");
			long started = System.nanoTime();
			RawGraphQl.Reply reply = visitor("senegal", "192.0.2.201").query("{ listings(query: \"cacao\") { totalCount } }");
			long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
			locker.rollback();
			assertThat(reply.code()).as(reply.text()).isEqualTo("QUERY_TOO_COMPLEX");
			assertThat(reply.message()).contains("statementTimeout");
			assertThat(took).as("the 1 s anonymous bound, not the 2 s request timeout").isBetween(900L, 1_900L);
		}
	}

	@Test
	@Order(4)
	void aQueryRunningTooLongIsCancelledWithItsSql() throws Exception {
		RawGraphQl admin = as("admin", "maroc");
		try (Connection locker = postgres.connect(); Statement statement = locker.createStatement()) {
			locker.setAutoCommit(false);
			statement.execute("LOCK TABLE listing IN ACCESS EXCLUSIVE MODE");
			long started = System.nanoTime();
			CompletableFuture<RawGraphQl.Reply> search = CompletableFuture.supplyAsync(
					() -> admin.query("{ listings(query: \"cacao\") { totalCount } }"));
			awaitBlockedStatements(1, Duration.ofSeconds(2));

			RawGraphQl.Reply reply = search.get(10, TimeUnit.SECONDS);
			long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
			assertThat(reply.code()).as(reply.text()).isEqualTo("QUERY_TOO_COMPLEX");
			assertThat(reply.message()).contains("requestTimeout");
			assertThat(took).isBetween(1_900L, 5_000L);
			// the lock is still held: only a cancelled statement leaves the wait
			awaitBlockedStatements(0, Duration.ofSeconds(2));
			locker.rollback();
		}
		assertThat(admin.query("{ listings(query: \"cacao\") { totalCount } }").errors()).as("the pool recovered").isEmpty();
	}

	/**
	 * Statements of the API's role waiting on the test's lock: on listing, or on member (whose network
	 * policy reads listing), as a signed-in request first looks up the caller's company.
	 */
	private void awaitBlockedStatements(long expected, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		long blocked;
		do {
			blocked = postgres.count("""
					SELECT count(*) FROM pg_stat_activity
					WHERE usename = 'comptoir_app' AND wait_event_type = 'Lock'
					  AND (query ILIKE '%FROM listing%' OR query ILIKE '%FROM member%')
					  AND query NOT ILIKE 'UPDATE%'""");
			if (blocked == expected) {
				return;
			}
			Thread.sleep(50);
		}
		while (System.nanoTime() < deadline);
		assertThat(blocked).as("statements waiting on the lock").isEqualTo(expected);
	}

	@Test
	@Order(5)
	void productionHidesTheSchema() {
		RawGraphQl.Reply introspection = visitor("rwanda", "192.0.2.202").query(IntrospectionQuery.INTROSPECTION_QUERY);
		assertThat(introspection.errors()).as(introspection.text()).isNotEmpty();
		assertThat(introspection.data("__schema.types")).isNull();
		WebClient http = WebClient.create("http://localhost:" + instance.port());
		assertThat(http.get().uri("/graphiql").exchangeToMono(r -> reactor.core.publisher.Mono.just(r.statusCode().value()))
			.block()).isEqualTo(404);
		assertThat(http.get().uri("/graphql/schema").exchangeToMono(r -> reactor.core.publisher.Mono.just(r.statusCode().value()))
			.block()).isIn(404, 405);
		assertThat(visitor("rwanda", "192.0.2.202").query("{ tenant { slug } }").data("tenant.slug")).isEqualTo("rwanda");
		// no router secret configured: _service, the whole schema, is refused to everyone
		RawGraphQl.Reply sdl = visitor("rwanda", "192.0.2.202").query("{ _service { sdl } }");
		assertThat(sdl.code()).as(sdl.text()).isEqualTo("FORBIDDEN");
		assertThat(sdl.text()).doesNotContain("@key");
	}

	@Test
	@Order(6)
	void gracefulShutdownLetsInFlightRequestsFinish() throws Exception {
		RawGraphQl owner = as("owner", "rwanda");
		int port = instance.port();
		CompletableFuture<Void> stopped;
		CompletableFuture<RawGraphQl.Reply> inFlight;
		try (Connection locker = postgres.connect(); Statement statement = locker.createStatement()) {
			locker.setAutoCommit(false);
			statement.execute("LOCK TABLE listing IN ACCESS EXCLUSIVE MODE");
			inFlight = CompletableFuture.supplyAsync(() -> owner.query("{ listings(query: \"coffee\") { totalCount } }"));
			awaitBlockedStatements(1, Duration.ofSeconds(2));
			stopped = CompletableFuture.runAsync(instance::close);
			Thread.sleep(300);
			assertThat(stopped).as("shutdown waits for the request in flight").isNotDone();
			WebClient fresh = WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(HttpClient.newConnection()))
				.baseUrl("http://localhost:" + port)
				.build();
			assertThatThrownBy(() -> fresh.get().uri("/actuator/health").retrieve().toBodilessEntity().block(Duration.ofSeconds(5)))
				.as("no new connection is taken meanwhile");
			locker.rollback();
		}
		RawGraphQl.Reply reply = inFlight.get(10, TimeUnit.SECONDS);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.errors()).as(reply.text()).isEmpty();
		assertThat(reply.data("listings.totalCount")).isNotNull();
		stopped.get(30, TimeUnit.SECONDS);
		instance = null;
	}

}
