package org.comptoir.api.matchmaking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.comptoir.api.identity.IdentityProperties;
import org.comptoir.api.support.AppInstance;
import org.comptoir.api.support.RawGraphQl;
import org.comptoir.api.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance with tight limits (3 operations per client per 10 minutes in senegal; 2 sockets per
 * user, 2 subscriptions per socket): a socket's operations count against its user in its chamber,
 * as over HTTP, and sockets and subscriptions are capped. Real sockets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketLimitsIntegrationTests {

	private static final String VIEWER = "{ viewer { user { email } } }";

	private static final String RECEIVED = "subscription { contactRequestReceived { id } }";

	private AppInstance instance;

	private Tokens tokens;

	@BeforeAll
	void start() {
		instance = AppInstance.start(List.of(),
				"comptoir.rate-limit.chambers.senegal.per-client.capacity=3",
				"comptoir.rate-limit.chambers.senegal.per-client.refill=3",
				"comptoir.rate-limit.chambers.senegal.per-client.period=10m",
				"comptoir.websocket.max-sockets-per-user=2", "comptoir.websocket.max-subscriptions-per-socket=2");
		tokens = new Tokens(instance.bean(IdentityProperties.class).baseUrl());
	}

	@AfterAll
	void stop() {
		instance.close();
	}

	private RawSocket as(String slug, String who) {
		return RawSocket.open(instance.port(), new HttpHeaders(),
				Map.of("Authorization", "Bearer " + tokens.demo(slug, who + "@" + slug + ".test"), "X-Tenant", slug));
	}

	@Test
	void socketOperationsCountAgainstTheirUserInTheirChamber() {
		try (RawSocket owner = as("senegal", "owner")) {
			for (int i = 0; i < 3; i++) {
				Map<String, Object> viewer = owner.run(VIEWER, Map.of());
				assertThat(RawSocket.code(viewer)).as(viewer.toString()).isNull();
			}
			assertThat(RawSocket.code(owner.run(VIEWER, Map.of()))).isEqualTo("RATE_LIMITED");
		}
		// the same bucket over HTTP: it is the user's in senegal, not the socket's or the address's
		RawGraphQl.Reply http = new RawGraphQl(instance.port()).header("X-Tenant", "senegal")
			.header("Authorization", "Bearer " + tokens.demo("senegal", "owner@senegal.test"))
			.query(VIEWER);
		assertThat(http.code()).isEqualTo("RATE_LIMITED");
		// another user from the same address keeps their own budget
		try (RawSocket admin = as("senegal", "admin")) {
			Map<String, Object> viewer = admin.run(VIEWER, Map.of());
			assertThat(RawSocket.code(viewer)).as(viewer.toString()).isNull();
		}
	}

	@Test
	void aUserHoldsAtMostTwoSocketsAndASocketAtMostTwoSubscriptions() throws Exception {
		List<RawSocket> open = new ArrayList<>();
		try {
			open.add(as("rwanda", "owner"));
			open.add(as("rwanda", "owner"));
			try (RawSocket third = as("rwanda", "owner")) {
				Map<String, Object> refused = third.run(VIEWER, Map.of());
				assertThat(RawSocket.code(refused)).isEqualTo("RATE_LIMITED");
				assertThat(refused.toString()).contains("Too many open sockets");
			}
			// a socket closed gives its place back
			open.remove(0).close();
			Map<String, Object> viewer = null;
			for (int attempt = 0; attempt < 20; attempt++) {
				try (RawSocket again = as("rwanda", "owner")) {
					viewer = again.run(VIEWER, Map.of());
				}
				if (RawSocket.code(viewer) == null) {
					break;
				}
				Thread.sleep(250);
			}
			assertThat(RawSocket.code(viewer)).as(String.valueOf(viewer)).isNull();

			RawSocket socket = open.get(0);
			String first = socket.subscribe(RECEIVED, Map.of());
			socket.subscribe(RECEIVED, Map.of());
			assertThat(socket.next(first, Duration.ofSeconds(2))).as("a running subscription sends nothing yet").isNull();
			String third = socket.subscribe(RECEIVED, Map.of());
			Map<String, Object> refused = socket.next(third, Duration.ofSeconds(10));
			assertThat(refused).isNotNull();
			assertThat(RawSocket.code(refused)).isEqualTo("RATE_LIMITED");
			assertThat(refused.toString()).contains("Too many subscriptions");
			// a subscription completed gives its place back
			socket.complete(first);
			Thread.sleep(500);
			String fourth = socket.subscribe(RECEIVED, Map.of());
			assertThat(socket.next(fourth, Duration.ofSeconds(2))).as("accepted, so silent until an event").isNull();
		}
		finally {
			open.forEach(RawSocket::close);
		}
	}

}
