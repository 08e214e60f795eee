package org.comptoir.api.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.comptoir.local.EmbeddedPostgresServer;
import org.comptoir.local.LocalPostgres;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.Postgres;
import org.comptoir.api.support.RawGraphQl;
import org.comptoir.local.keycloak.KeycloakLauncher;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The API when its servers fail: PostgreSQL restarted under a stream of writes, Keycloak stopped.
 * Runs last of the suite ({@link ClassOrderer.OrderAnnotation}, junit-platform.properties): it leaves
 * Keycloak stopped, and restarting it would cost the run half a minute.
 */
@IntegrationTest
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIntegrationTests extends Chambers {

	private static final String CREATE = """
			mutation($input: CreateListingInput!) { createListing(input: $input) { listing { id title } userErrors { code } } }""";

	@Autowired
	LocalPostgres postgres;

	@Autowired
	ObjectProvider<KeycloakLauncher> keycloak;

	/** The health endpoint's HTTP status and overall status. */
	private String health() {
		return WebClient.create("http://localhost:" + port).get().uri("/actuator/health")
			.exchangeToMono(response -> response.bodyToMono(Map.class).defaultIfEmpty(Map.of())
				.map(body -> response.statusCode().value() + " " + body.get("status")))
			.onErrorResume(ex -> Mono.just("unreachable"))
			.block(Duration.ofSeconds(15));
	}

	@Test
	@Order(1)
	void postgresRestartedUnderWritesLosesNoAcknowledgedWrite() throws Exception {
		assumeTrue(postgres instanceof EmbeddedPostgresServer, "restarts the embedded server (the path CI runs)");
		EmbeddedPostgresServer server = (EmbeddedPostgresServer) postgres;
		String run = "fault-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		RawGraphQl owner = new RawGraphQl(port).header("X-Tenant", "senegal")
			.header("Authorization", "Bearer " + token("senegal", "owner@senegal.test"));
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicInteger failed = new AtomicInteger();
		AtomicInteger afterRestart = new AtomicInteger();
		AtomicBoolean restarted = new AtomicBoolean();
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicInteger sequence = new AtomicInteger();
		ExecutorService writers = Executors.newFixedThreadPool(3);
		for (int w = 0; w < 3; w++) {
			writers.submit(() -> {
				while (writing.get()) {
					String title = run + sequence.incrementAndGet();
					try {
						RawGraphQl.Reply reply = owner.query(CREATE,
								Map.of("input", Map.of("kind", "OFFER", "title", title, "hsCode", "0901")));
						assertThat(reply.status()).isLessThan(500);
						assertThat(reply.text()).doesNotContain("at org.", "SQLState", "Exception");
						if (reply.errors().isEmpty() && title.equals(reply.data("createListing.listing.title"))) {
							acknowledged.add(title);
							if (restarted.get()) {
								afterRestart.incrementAndGet();
							}
						}
						else {
							failed.incrementAndGet();
						}
					}
					catch (RuntimeException ex) {
						failed.incrementAndGet();
					}
				}
				return null;
			});
		}
		Thread.sleep(1_000);
		int beforeRestart = acknowledged.size();
		CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> server.restart(Duration.ofSeconds(4)));
		Set<String> seen = new HashSet<>();
		while (!restart.isDone()) {
			seen.add(health());
			Thread.sleep(200);
		}
		restart.get();
		restarted.set(true);
		long recovering = System.nanoTime();
		while (!health().startsWith("200 UP") && System.nanoTime() - recovering < Duration.ofSeconds(30).toNanos()) {
			Thread.sleep(200);
		}
		String recovered = health();
		long recoveredAfter = Duration.ofNanos(System.nanoTime() - recovering).toMillis();
		Thread.sleep(2_000);
		writing.set(false);
		writers.shutdown();
		assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

		Set<String> stored = new HashSet<>();
		try (Connection connection = new Postgres(postgres).connect();
				PreparedStatement query = connection.prepareStatement("SELECT title FROM listing_translation WHERE title LIKE ?")) {
			query.setString(1, run + "%");
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					stored.add(rows.getString(1));
				}
			}
		}
		System.out.printf("PostgreSQL restart: %d writes acknowledged (%d before the restart, %d after it), %d failed while it was down; "
				+ "health seen %s; UP again %d ms after the restart; %d rows stored%n", acknowledged.size(), beforeRestart,
				afterRestart.get(), failed.get(), seen, recoveredAfter, stored.size());
		assertThat(seen).as("health reports the database gone").anyMatch(status -> status.startsWith("503 DOWN"));
		assertThat(recovered).as("recovers by itself").startsWith("200 UP");
		assertThat(beforeRestart).isPositive();
		assertThat(afterRestart.get()).as("writes succeed again after the restart").isPositive();
		assertThat(stored).as("every acknowledged write is stored, and nothing else").isEqualTo(acknowledged);
	}

	@Test
	@Order(2)
	void keycloakStoppedValidTokensKeepWorking() {
		KeycloakLauncher launcher = keycloak.getIfAvailable();
		assumeTrue(launcher != null && launcher.startedHere(), "stops the Keycloak this run started");
		RawGraphQl owner = new RawGraphQl(port).header("X-Tenant", "rwanda")
			.header("Authorization", "Bearer " + token("rwanda", "owner@rwanda.test"));
		String shell = "{ tenant { slug } viewer { user { email roles } member { name } } }";
		assertThat(owner.query(shell).data("viewer.user.email")).isEqualTo("owner@rwanda.test");

		launcher.close();
		assertThat(launcher.isRunning()).isFalse();

		RawGraphQl.Reply reply = owner.query(shell);
		assertThat(reply.errors()).as(reply.text()).isEmpty();
		assertThat(reply.data("viewer.user.email")).isEqualTo("owner@rwanda.test");
		assertThat((List<?>) reply.data("viewer.user.roles")).asString().contains("member");

		RawGraphQl.Reply forged = new RawGraphQl(port).header("X-Tenant", "rwanda").header("Authorization", "Bearer not.a.token")
			.query(shell);
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.code()).isEqualTo("UNAUTHENTICATED");
	}

}
