package org.comptoir.api.matchmaking;

import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.comptoir.local.LocalPostgres;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.Postgres;
import org.comptoir.api.support.RawGraphQl;
import org.comptoir.local.keycloak.KeycloakLauncher;
import org.comptoir.keycloak.RealmTemplate;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientsResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket runs as exactly the chamber and caller its tokens and headers prove, checked as HTTP
 * checks them, wherever the chamber was named (handshake header, payload); it keeps its caller's
 * idempotency, and it ends when its token does. Real sockets, headers on the handshake.
 */
@IntegrationTest
class WebSocketSecurityIntegrationTests extends Chambers {

	private static final String REGISTER_MEMBER = """
			mutation RegisterMember($input: RegisterMemberInput!) {
			  registerMember(input: $input) { member { id name } userErrors { code message } }
			}""";

	private static final String VIEWER = "{ viewer { user { email } tenant { slug } } }";

	private static final String CREATE_LISTING = """
			mutation CreateListing($input: CreateListingInput!) {
			  createListing(input: $input) { listing { id } userErrors { code message } }
			}""";

	@Autowired
	LocalPostgres postgres;

	@Autowired
	KeycloakLauncher launcher;

	private static HttpHeaders handshake(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.set(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	private String bearer(String slug, String who) {
		return "Bearer " + token(slug, who + "@" + slug + ".test");
	}

	private long membersNamed(String name) {
		return new Postgres(postgres).count("SELECT count(*) FROM member WHERE name = ?", name);
	}

	private static Map<String, Object> company(String name) {
		return Map.of("input", Map.of("name", name, "country", "MA"));
	}

	@Test
	void aMarocOwnersHandshakeCannotActInSenegalByNamingItInTheInitPayload() {
		String name = "Intrus " + UUID.randomUUID();
		HttpHeaders marocHandshake = handshake("Authorization", bearer("maroc", "owner"), "X-Tenant", "maroc");
		try (RawSocket socket = RawSocket.open(port, marocHandshake, Map.of("X-Tenant", "senegal"))) {
			assertThat(RawSocket.code(socket.run(REGISTER_MEMBER, company(name)))).isEqualTo("TENANT_MISMATCH");
			assertThat(RawSocket.code(socket.run(VIEWER, Map.of()))).isEqualTo("TENANT_MISMATCH");
		}
		// the token alone on the handshake, the chamber from the payload: the same check, the same refusal
		try (RawSocket socket = RawSocket.open(port, handshake("Authorization", bearer("maroc", "owner")),
				Map.of("X-Tenant", "senegal"))) {
			assertThat(RawSocket.code(socket.run(REGISTER_MEMBER, company(name)))).isEqualTo("TENANT_MISMATCH");
		}
		// a senegal token in the payload cannot move a socket whose handshake named maroc either
		try (RawSocket socket = RawSocket.open(port, handshake("X-Tenant", "maroc"),
				Map.of("Authorization", bearer("senegal", "owner"), "X-Tenant", "senegal"))) {
			assertThat(RawSocket.code(socket.run(REGISTER_MEMBER, company(name)))).isEqualTo("TENANT_MISMATCH");
		}
		assertThat(membersNamed(name)).as("nothing registered in any chamber").isZero();
	}

	@Test
	void aHandshakeNamingAnotherChamberThanItsTokenIsRefusedBeforeTheUpgrade() {
		String key = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 16).getBytes());
		RawGraphQl.Reply reply = WebClient.create("http://localhost:" + port)
			.get()
			.uri("/graphql")
			.header("Connection", "Upgrade")
			.header("Upgrade", "websocket")
			.header("Sec-WebSocket-Version", "13")
			.header("Sec-WebSocket-Key", key)
			.header("Sec-WebSocket-Protocol", "graphql-transport-ws")
			.header("Authorization", bearer("maroc", "owner"))
			.header("X-Tenant", "senegal")
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
				.map(text -> new RawGraphQl.Reply(response.statusCode().value(), response.headers().asHttpHeaders(), text)))
			.block(Duration.ofSeconds(30));
		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.code()).isEqualTo("TENANT_MISMATCH");
	}

	@Test
	void anSseSubscriptionNamingAnotherChamberThanItsTokenIsRefusedAsOverHttp() {
		RawGraphQl.Reply reply = WebClient.create("http://localhost:" + port)
			.post()
			.uri("/graphql")
			.header("Authorization", bearer("maroc", "owner"))
			.header("X-Tenant", "senegal")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(Map.of("query", "subscription { contactRequestReceived { id } }"))
			.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
				.map(text -> new RawGraphQl.Reply(response.statusCode().value(), response.headers().asHttpHeaders(), text)))
			.block(Duration.ofSeconds(30));
		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.code()).isEqualTo("TENANT_MISMATCH");
	}

	@Test
	void aSocketRunsAsTheTokenItPresentsInThePayloadOrElseOnTheHandshake() {
		try (RawSocket socket = RawSocket.open(port, new HttpHeaders(),
				Map.of("Authorization", bearer("senegal", "owner"), "X-Tenant", "senegal"))) {
			Map<String, Object> viewer = socket.run(VIEWER, Map.of());
			assertThat(RawSocket.code(viewer)).as(viewer.toString()).isNull();
			assertThat(RawSocket.data(viewer, "viewer.user.email")).isEqualTo("owner@senegal.test");
			assertThat(RawSocket.data(viewer, "viewer.tenant.slug")).isEqualTo("senegal");
		}
		try (RawSocket socket = RawSocket.open(port, handshake("Authorization", bearer("maroc", "owner"), "X-Tenant", "maroc"),
				Map.of())) {
			Map<String, Object> viewer = socket.run(VIEWER, Map.of());
			assertThat(RawSocket.data(viewer, "viewer.user.email")).as(viewer.toString()).isEqualTo("owner@maroc.test");
			assertThat(RawSocket.data(viewer, "viewer.tenant.slug")).isEqualTo("maroc");
		}
		// the payload's token wins over the handshake's: the socket is the payload's user, in their chamber
		try (RawSocket socket = RawSocket.open(port, handshake("Authorization", bearer("maroc", "owner")),
				Map.of("Authorization", bearer("senegal", "admin")))) {
			Map<String, Object> viewer = socket.run(VIEWER, Map.of());
			assertThat(RawSocket.data(viewer, "viewer.user.email")).as(viewer.toString()).isEqualTo("admin@senegal.test");
			assertThat(RawSocket.data(viewer, "viewer.tenant.slug")).isEqualTo("senegal");
		}
		// an anonymous socket naming a chamber is anonymous in it, whatever the handshake's context
		try (RawSocket socket = RawSocket.open(port, new HttpHeaders(), Map.of("X-Tenant", "senegal"))) {
			assertThat(RawSocket.data(socket.run(VIEWER, Map.of()), "viewer")).isNull();
		}
	}

	@Test
	void anIdempotencyKeyInTheInputReplaysOverWebSocket() {
		String title = "Karité socket " + UUID.randomUUID();
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("kind", "OFFER");
		input.put("title", title);
		input.put("hsCode", "0901");
		input.put("idempotencyKey", UUID.randomUUID().toString());
		try (RawSocket socket = RawSocket.open(port, new HttpHeaders(),
				Map.of("Authorization", bearer("france", "owner"), "X-Tenant", "france"))) {
			Map<String, Object> first = socket.run(CREATE_LISTING, Map.of("input", input));
			Map<String, Object> retry = socket.run(CREATE_LISTING, Map.of("input", input));
			assertThat(RawSocket.data(first, "createListing.listing.id")).as(first.toString()).isNotNull();
			assertThat(RawSocket.data(retry, "createListing.listing.id")).isEqualTo(RawSocket.data(first, "createListing.listing.id"));
		}
		assertThat(new Postgres(postgres).count("SELECT count(*) FROM listing_translation WHERE title = ?", title)).isEqualTo(1);
	}

	@Test
	void anIdempotencyKeyOnTheHandshakeDoesNotBindEveryMutationOfTheSocket() {
		String title = "Moringa socket " + UUID.randomUUID();
		try (RawSocket socket = RawSocket.open(port, handshake("Idempotency-Key", UUID.randomUUID().toString()),
				Map.of("Authorization", bearer("france", "owner"), "X-Tenant", "france"))) {
			for (String kind : List.of("OFFER", "REQUEST")) {
				Map<String, Object> reply = socket.run(CREATE_LISTING,
						Map.of("input", Map.of("kind", kind, "title", title, "hsCode", "0901")));
				assertThat(RawSocket.data(reply, "createListing.listing.id")).as(reply.toString()).isNotNull();
			}
		}
		assertThat(new Postgres(postgres).count("SELECT count(*) FROM listing_translation WHERE title = ?", title)).isEqualTo(2);
	}

	@Test
	void aSocketIsClosedWhenItsTokenExpires() {
		// as Keycloak's bootstrap admin: the API's own provisioning client manages users, not clients
		try (Keycloak admin = launcher.provisioner(RealmTemplate.development()).admin()) {
			socketClosedAtExpiry(admin.realm("rwanda").clients());
		}
	}

	private void socketClosedAtExpiry(ClientsResource clients) {
		ClientRepresentation shortLived = clients.findByClientId("portal").get(0);
		String clientId = "portal-short-" + UUID.randomUUID().toString().substring(0, 8);
		shortLived.setId(null);
		shortLived.setClientId(clientId);
		shortLived.getProtocolMappers().forEach(mapper -> mapper.setId(null));
		shortLived.getAttributes().put("access.token.lifespan", "8");
		clients.create(shortLived).close();
		try {
			String token = tokens().password("rwanda", clientId, "owner@rwanda.test", "demo");
			try (RawSocket socket = RawSocket.open(port, new HttpHeaders(),
					Map.of("Authorization", "Bearer " + token, "X-Tenant", "rwanda"))) {
				assertThat(RawSocket.data(socket.run(VIEWER, Map.of()), "viewer.user.email")).isEqualTo("owner@rwanda.test");
				socket.subscribe("subscription { contactRequestReceived { id } }", Map.of());
				CloseStatus closed = socket.awaitClose(Duration.ofSeconds(25));
				assertThat(closed).as("closed by the server when the token expired").isNotNull();
				assertThat(closed.getCode()).isEqualTo(4401);
			}
		}
		finally {
			clients.get(clients.findByClientId(clientId).get(0).getId()).remove();
		}
	}

	@Test
	void aSocketWithAnInvalidTokenAnswersEveryOperationWithUnauthenticated() {
		try (RawSocket socket = RawSocket.open(port, new HttpHeaders(), Map.of("Authorization", "Bearer not-a-token"))) {
			assertThat(RawSocket.code(socket.run(VIEWER, Map.of()))).isEqualTo("UNAUTHENTICATED");
			assertThat(RawSocket.code(socket.run(REGISTER_MEMBER, company("x")))).isEqualTo("UNAUTHENTICATED");
		}
	}

}
