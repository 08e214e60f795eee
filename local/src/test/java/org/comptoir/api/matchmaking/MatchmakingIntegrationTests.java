package org.comptoir.api.matchmaking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.comptoir.local.LocalPostgres;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.support.Live;
import org.comptoir.api.support.AppInstance;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.Postgres;
import org.comptoir.keycloak.RealmProvisioner;
import org.comptoir.keycloak.RealmTemplate;
import org.comptoir.tenants.CurrentTenant;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mise en relation end to end, with real tokens, real HTTP and a real WebSocket client: the
 * contract's operations from RequestContact to SendMessage across senegal and maroc, who may read a
 * conversation, the live updates, the daily cap.
 */
@IntegrationTest
class MatchmakingIntegrationTests extends Chambers {

	@Autowired
	Environment environment;

	private static final Logger log = LoggerFactory.getLogger(MatchmakingIntegrationTests.class);

	static final UUID SENEGAL = CurrentTenant.idOfDefinedChamber("senegal");

	static final UUID RWANDA = CurrentTenant.idOfDefinedChamber("rwanda");

	/** A third company of senegal, registered and approved once for the class: its user's token. */
	private static String thirdCompanyToken;

	private static String thirdCompanyId;

	@Autowired
	MatchmakingEvents events;

	@Autowired
	RealmProvisioner provisioner;

	@Autowired
	LocalPostgres postgres;


	// ---- helpers ---------------------------------------------------------------

	private String companyOf(String who, String slug) {
		return as(who, slug).document("{ viewer { member { id } } }").execute().path("viewer.member.id").entity(String.class).get();
	}

	/**
	 * A NETWORK listing of a chamber, of a kind and HS code, as found from another chamber's portal: its
	 * owner company's when it has one (other tests' companies of the chamber publish such listings too).
	 */
	private String networkListing(String from, String of, String kind, String hsCode) {
		String owner = companyOf("owner", of);
		List<Map<String, Object>> nodes = anonymous(from).documentName("MarketplaceSearch")
			.variable("filter", Map.of("scope", "NETWORK", "kinds", List.of(kind), "hsCodePrefixes", List.of(hsCode)))
			.variable("first", 100).execute()
			.path("listings.edges[*].node").entityList(Map.class).get().stream().map(m -> (Map<String, Object>) m).toList();
		return nodes.stream()
			.filter(n -> of.equals(((Map<?, ?>) ((Map<?, ?>) n.get("member")).get("tenant")).get("slug"))
					&& hsCode.equals(((Map<?, ?>) n.get("hsCode")).get("code")))
			// the owner company's first, when it has one
			.sorted(Comparator.comparing((Map<String, Object> n) -> !owner.equals(((Map<?, ?>) n.get("member")).get("id"))))
			.map(n -> (String) n.get("id")).findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + hsCode + " of " + of + " seen from " + from));
	}

	private GraphQlTester.Response requestContact(HttpGraphQlTester tester, Map<String, Object> input) {
		return tester.documentName("RequestContact").variable("input", input).execute();
	}

	/** The third company: a new user of senegal's realm registers it, senegal's admin approves it (FREE tier). */
	private synchronized HttpGraphQlTester thirdCompany() {
		if (thirdCompanyToken == null) {
			String email = "third-" + UUID.randomUUID().toString().substring(0, 8) + "@senegal.test";
			String password = "Third-" + UUID.randomUUID();
			provisioner.createUser("senegal", email, "Third", "Company", password, RealmTemplate.MEMBER);
			String token = tokens().password("senegal", email, password);
			String id = api().as("senegal", token).documentName("RegisterMember")
				.variable("input", Map.of("name", "Troisième Négoce Dakar", "country", "SN")).execute()
				.path("registerMember.member.id").entity(String.class).get();
			as("admin", "senegal").documentName("ReviewMember").variable("input", Map.of("memberId", id, "decision", "APPROVE"))
				.execute().path("reviewMember.member.status").entity(String.class).isEqualTo("ACTIVE");
			thirdCompanyId = id;
			thirdCompanyToken = token;
		}
		return api().as("senegal", thirdCompanyToken);
	}

	/** Subscriptions of earlier tests have ended on the server (their clients are closed). */
	private static void noSubscriber(MatchmakingEvents events) {
		await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() == 0);
	}

	/** The server listens for the events of this test's subscription: what is sent from now on reaches it. */
	private static void subscribed(MatchmakingEvents events, Live.Received<?> received) {
		await().atMost(Duration.ofSeconds(10)).failFast("the subscription ended with an error", () -> received.error() != null)
			.until(() -> events.subscribers() > 0);
	}

	private Connection asApplication() throws SQLException {
		return Postgres.asApplication(postgres, environment);
	}

	private static int countAs(Connection app, UUID chamber, String sql, UUID id) throws SQLException {
		app.setAutoCommit(false);
		try (PreparedStatement set = app.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
			set.setString(1, chamber.toString());
			set.execute();
		}
		try (PreparedStatement statement = app.prepareStatement(sql)) {
			statement.setObject(1, id);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getInt(1);
			}
		}
		finally {
			app.rollback();
		}
	}

	// ---- the contract's flow ----------------------------------------------------

	@Test
	void marocAsksSenegalAboutCashewAndOnlyTheTwoCompaniesReadTheirConversation() throws Exception {
		String cashewOffer = networkListing("maroc", "senegal", "OFFER", "080131");
		String maroc = companyOf("owner", "maroc");
		String senegal = companyOf("owner", "senegal");

		// senegal's owner listens for contact requests over a real WebSocket before maroc asks
		noSubscriber(events);
		try (Live.Received<Map> received = new Live.Received<>(Live.client(port, "senegal", token("senegal", "owner@senegal.test")),
				client -> client.documentName("ContactRequestReceived").executeSubscription().toFlux("contactRequestReceived", Map.class))) {
			subscribed(events, received);

			String request = requestContact(as("owner", "maroc"), Map.of("listingId", cashewOffer,
					"message", "Bonjour, nous cherchons 200 t de noix de cajou brutes pour Casablanca."))
				.path("requestContact.userErrors").entityList(Object.class).hasSize(0)
				.path("requestContact.contactRequest.status").entity(String.class).isEqualTo("PENDING")
				.path("requestContact.contactRequest.from.id").entity(String.class).isEqualTo(maroc)
				.path("requestContact.contactRequest.to.id").entity(String.class).isEqualTo(senegal)
				.path("requestContact.contactRequest.listing.id").entity(String.class).isEqualTo(cashewOffer)
				.path("requestContact.contactRequest.id").entity(String.class).get();

			Map<?, ?> live = received.next();
			assertThat(live.get("id")).isEqualTo(request);
			assertThat(live.get("status")).isEqualTo("PENDING");
			assertThat(((Map<?, ?>) ((Map<?, ?>) live.get("from")).get("tenant")).get("slug")).isEqualTo("maroc");

			// one open request per pair and listing
			requestContact(as("owner", "maroc"), Map.of("listingId", cashewOffer, "message", "Relance"))
				.path("requestContact.contactRequest").valueIsNull()
				.path("requestContact.userErrors[0].code").entity(String.class).isEqualTo("ALREADY_REQUESTED");

			as("owner", "senegal").documentName("ContactInbox").variable("box", "INBOX").execute()
				.path("contactRequests.totalCount").entity(Integer.class).satisfies(n -> assertThat(n).isPositive())
				.path("contactRequests.edges[?(@.node.id == '" + request + "')].node.from.tenant.slug").entityList(String.class)
				.containsExactly("maroc")
				.path("contactRequests.edges[?(@.node.id == '" + request + "')].node.listing.id").entityList(String.class)
				.containsExactly(cashewOffer);
			as("owner", "maroc").documentName("ContactInbox").variable("box", "OUTBOX").execute()
				.path("contactRequests.edges[*].node.id").entityList(String.class).contains(request);
			as("owner", "maroc").documentName("ContactInbox").variable("box", "INBOX").execute()
				.path("contactRequests.edges[*].node.id").entityList(String.class).doesNotContain(request);

			// the requester cannot answer its own request
			as("owner", "maroc").documentName("RespondToContactRequest")
				.variable("input", Map.of("contactRequestId", request, "accept", true)).execute()
				.errors().satisfy(errors -> assertThat(errors).singleElement()
					.satisfies(e -> assertThat(e.getExtensions().get("code")).isEqualTo("FORBIDDEN")));

			String conversation = as("owner", "senegal").documentName("RespondToContactRequest")
				.variable("input", Map.of("contactRequestId", request, "accept", true, "message", "Avec plaisir, voici nos conditions."))
				.execute()
				.path("respondToContactRequest.userErrors").entityList(Object.class).hasSize(0)
				.path("respondToContactRequest.contactRequest.status").entity(String.class).isEqualTo("ACCEPTED")
				.path("respondToContactRequest.contactRequest.conversation.participants[*].id").entityList(String.class)
				.satisfies(ids -> assertThat(ids).containsExactlyInAnyOrder(maroc, senegal))
				.path("respondToContactRequest.contactRequest.conversation.id").entity(String.class).get();
			as("owner", "senegal").documentName("RespondToContactRequest")
				.variable("input", Map.of("contactRequestId", request, "accept", false)).execute()
				.path("respondToContactRequest.userErrors[0].code").entity(String.class).isEqualTo("INVALID_TRANSITION");

			for (String body : List.of("Prix FOB Dakar : 1 150 USD la tonne.", "Parfait, envoyez la facture proforma.")) {
				HttpGraphQlTester sender = body.startsWith("Prix") ? as("owner", "senegal") : as("owner", "maroc");
				sender.documentName("SendMessage").variable("input", Map.of("conversationId", conversation, "body", body)).execute()
					.path("sendMessage.userErrors").entityList(Object.class).hasSize(0)
					.path("sendMessage.message.body").entity(String.class).isEqualTo(body);
			}
			// both portals read the same conversation, in order
			for (String slug : List.of("maroc", "senegal")) {
				as("owner", slug).documentName("ConversationMessages").variable("id", conversation).execute()
					.path("node.participants[*].id").entityList(String.class).satisfies(ids -> assertThat(ids).containsExactlyInAnyOrder(maroc, senegal))
					.path("node.messages.edges[*].node.body").entityList(String.class).containsExactly(
							"Avec plaisir, voici nos conditions.", "Prix FOB Dakar : 1 150 USD la tonne.",
							"Parfait, envoyez la facture proforma.")
					.path("node.messages.edges[*].node.author.id").entityList(String.class).containsExactly(senegal, senegal, maroc);
			}
			as("owner", "maroc").document("""
					query($id: ID!) { node(id: $id) { ... on Conversation { messages(first: 2) { edges { node { body } }
					  pageInfo { hasNextPage endCursor } } } } }""").variable("id", conversation).execute()
				.path("node.messages.edges").entityList(Object.class).hasSize(2)
				.path("node.messages.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);

			// no one else reads it: a third company of senegal, senegal's admin, rwanda's admin
			List<HttpGraphQlTester> others = List.of(thirdCompany(), as("admin", "senegal"), as("admin", "rwanda"));
			for (HttpGraphQlTester other : others) {
				other.documentName("ConversationMessages").variable("id", conversation).execute().path("node").valueIsNull();
				other.documentName("NodeLookup").variable("id", request).execute().path("node").valueIsNull();
				other.documentName("SendMessage").variable("input", Map.of("conversationId", conversation, "body", "Intrus")).execute()
					.errors().satisfy(errors -> assertThat(errors).singleElement()
						.satisfies(e -> assertThat(e.getExtensions().get("code")).isEqualTo("NOT_FOUND")));
			}
			thirdCompany().documentName("ContactInbox").variable("box", "INBOX").execute()
				.path("contactRequests.edges[*].node.id").entityList(String.class).doesNotContain(request);

			// and below the API, row-level security: rwanda's chamber sees none of the rows
			UUID conversationId = GlobalId.decode(conversation).orElseThrow().localId();
			UUID requestId = GlobalId.decode(request).orElseThrow().localId();
			try (Connection app = asApplication()) {
				assertThat(countAs(app, RWANDA, "SELECT count(*) FROM conversation WHERE conversation_id = ?", conversationId)).isZero();
				assertThat(countAs(app, RWANDA, "SELECT count(*) FROM message WHERE conversation_id = ?", conversationId)).isZero();
				assertThat(countAs(app, RWANDA, "SELECT count(*) FROM contact_request WHERE contact_request_id = ?", requestId)).isZero();
				assertThat(countAs(app, SENEGAL, "SELECT count(*) FROM message WHERE conversation_id = ?", conversationId)).isEqualTo(3);
				assertThat(countAs(app, SENEGAL, "SELECT count(*) FROM contact_request WHERE contact_request_id = ?", requestId)).isEqualTo(2);
			}

			as("admin", "senegal").documentName("ChamberDashboard").execute()
				.path("tenant.stats.contactRequestsLast30Days").entity(Integer.class).satisfies(n -> assertThat(n).isPositive());
		}
	}

	@Test
	void messageAddedReachesAWebSocketSubscriberWhenTheSenderIsServedByASecondInstance() throws Exception {
		// rwanda's coffee exporter and france's coffee house: a conversation of their own
		String rwanda = companyOf("owner", "rwanda");
		String request = requestContact(as("owner", "france"), Map.of("memberId", rwanda, "message", "Bonjour, du café vert ?"))
			.path("requestContact.contactRequest.id").entity(String.class).get();
		String conversation = as("owner", "rwanda").documentName("RespondToContactRequest")
			.variable("input", Map.of("contactRequestId", request, "accept", true)).execute()
			.path("respondToContactRequest.contactRequest.conversation.id").entity(String.class).get();

		// a second instance of the API on the same database and Keycloak, as two pods behind a load balancer
		try (AppInstance second = AppInstance.start(List.of())) {
			MatchmakingEvents secondEvents = second.bean(MatchmakingEvents.class);
			// subscriber on this instance, sender served by the second, and the other way round
			deliver(port, second.port(), secondEvents, conversation, "Lot A1 disponible, 19,2 t.");
			deliver(second.port(), port, secondEvents, conversation, "Merci, nous prenons le lot.");
		}
	}

	private void deliver(int subscriberPort, int senderPort, MatchmakingEvents secondEvents, String conversation, String body)
			throws InterruptedException {
		MatchmakingEvents subscriberEvents = subscriberPort == port ? events : secondEvents;
		noSubscriber(subscriberEvents);
		try (Live.Received<Map> received = new Live.Received<>(Live.client(subscriberPort, "rwanda", token("rwanda", "owner@rwanda.test")),
				client -> client.documentName("MessageAdded").variable("conversationId", conversation).executeSubscription()
					.toFlux("messageAdded", Map.class))) {
			subscribed(subscriberEvents, received);
			long sent = System.nanoTime();
			String id = new org.comptoir.api.support.Api(senderPort).as("france", token("france", "owner@france.test"))
				.documentName("SendMessage").variable("input", Map.of("conversationId", conversation, "body", body)).execute()
				.path("sendMessage.message.id").entity(String.class).get();
			long answered = System.nanoTime();
			Map<?, ?> message = received.next();
			long delivered = System.nanoTime();
			assertThat(message.get("id")).isEqualTo(id);
			assertThat(message.get("body")).isEqualTo(body);
			assertThat(((Map<?, ?>) message.get("author")).get("name")).isNotNull();
			log.info("MessageAdded from instance :{} to a subscriber on :{}: HTTP answer {} ms, WebSocket delivery {} ms after sending",
					senderPort, subscriberPort, (answered - sent) / 1_000_000, (delivered - sent) / 1_000_000);
		}
	}

	@Test
	void listingMatchesPutSenegalsCashewOfferFirstForMarocsCashewRequest() {
		String cashewRequest = networkListing("maroc", "maroc", "REQUEST", "080131");
		GraphQlTester.Response matches = anonymous("maroc").documentName("ListingMatches").variable("id", cashewRequest)
			.variable("locale", "fr").execute();
		matches.path("listing.kind").entity(String.class).isEqualTo("REQUEST")
			.path("listing.matches.edges[0].node.kind").entity(String.class).isEqualTo("OFFER")
			.path("listing.matches.edges[0].node.hsCode.code").entity(String.class).isEqualTo("080131")
			.path("listing.matches.edges[0].node.member.tenant.slug").entity(String.class).isEqualTo("senegal");
		List<Double> scores = matches.path("listing.matches.edges[*].score").entityList(Double.class).get();
		assertThat(scores).isNotEmpty().allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
		assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
		assertThat(scores.get(0)).isGreaterThan(0.8);
		matches.path("listing.matches.edges").entityList(Map.class).get().stream().limit(5).forEach(edge -> {
			Map<?, ?> node = (Map<?, ?>) edge.get("node");
			log.info("Match of maroc's cashew request: {} {} {} ({})", edge.get("score"), ((Map<?, ?>) node.get("hsCode")).get("code"),
					((Map<?, ?>) ((Map<?, ?>) node.get("member")).get("tenant")).get("slug"), node.get("title"));
		});

		// pages of one, every match once, in the same order
		List<String> all = matches.path("listing.matches.edges[*].node.id").entityList(String.class).get();
		List<String> paged = new ArrayList<>();
		String after = null;
		do {
			GraphQlTester.Response page = anonymous("maroc").documentName("ListingMatchesPage").variable("id", cashewRequest)
				.variable("first", 1).variable("after", after).execute();
			paged.addAll(page.path("listing.matches.edges[*].node.id").entityList(String.class).get());
			after = page.path("listing.matches.pageInfo.hasNextPage").entity(Boolean.class).get()
					? page.path("listing.matches.pageInfo.endCursor").entity(String.class).get() : null;
		}
		while (after != null && paged.size() < 20);
		assertThat(paged).startsWith(all.toArray(String[]::new)).doesNotHaveDuplicates();
	}

	@Test
	void publishingACashewRequestTellsTheOwnerOfTheBestMatchingOffer() throws Exception {
		noSubscriber(events);
		try (Live.Received<Map> received = new Live.Received<>(Live.client(port, "senegal", token("senegal", "owner@senegal.test")),
				client -> client.documentName("MatchFound").executeSubscription().toFlux("matchFound", Map.class))) {
			subscribed(events, received);
			String created = as("owner", "maroc").documentName("CreateListing").variable("input", Map.of("kind", "REQUEST",
					"title", "Noix de cajou brutes de Casamance", "hsCode", "080131", "visibility", "NETWORK",
					"originCountry", "SN", "quantity", Map.of("value", "100", "unit", "TNE"))).execute()
				.path("createListing.listing.id").entity(String.class).get();
			try {
				Map<?, ?> found = received.next();
				assertThat(((Map<?, ?>) found.get("match")).get("id")).isEqualTo(created);
				assertThat(((Map<?, ?>) found.get("listing")).get("kind")).isEqualTo("OFFER");
				assertThat((Double) found.get("score")).isBetween(0.6, 1.0);
			}
			finally {
				as("owner", "maroc").documentName("CloseListing").variable("input", Map.of("listingId", created)).execute()
					.path("closeListing.listing.status").entity(String.class).isEqualTo("CLOSED");
			}
		}
	}

	// ---- refusals -----------------------------------------------------------------

	@Test
	void unauthorisedSubscriptionsGetAnErrorNotASilentStream() {
		Function<WebSocketGraphQlTester, GraphQlTester.Subscription> received = client -> client
			.documentName("ContactRequestReceived").executeSubscription();
		assertThat(Live.refusalCode(Live.client(port, "senegal", null), received)).isEqualTo("UNAUTHENTICATED");
		assertThat(Live.refusalCode(Live.client(port, "senegal", "not-a-token"), received)).isEqualTo("UNAUTHENTICATED");
		assertThat(Live.refusalCode(Live.client(port, "maroc", token("senegal", "owner@senegal.test")), received))
			.isEqualTo("TENANT_MISMATCH");
		assertThat(Live.refusalCode(Live.client(port, "atlantis", null), received)).isEqualTo("TENANT_NOT_FOUND");
		assertThat(Live.refusalCode(Live.client(port, "senegal", token("senegal", "admin@senegal.test")), received))
			.isEqualTo("FORBIDDEN");
		String someoneElses = GlobalId.of(Conversation.TYPE, SENEGAL, UUID.randomUUID()).encode();
		assertThat(Live.refusalCode(Live.client(port, null, token("senegal", "owner@senegal.test")), client -> client
			.documentName("MessageAdded").variable("conversationId", someoneElses).executeSubscription())).isEqualTo("NOT_FOUND");
	}

	@Test
	void contactRequestsAreCheckedAndFreeCompaniesHaveALowerDailyCap() {
		HttpGraphQlTester third = thirdCompany();
		requestContact(third, Map.of("memberId", thirdCompanyId, "message", "Moi-même"))
			.path("requestContact.userErrors[0].code").entity(String.class).isEqualTo("SELF_CONTACT");
		requestContact(third, Map.of("message", "À qui ?"))
			.path("requestContact.userErrors[0].code").entity(String.class).isEqualTo("INVALID_TARGET");
		requestContact(third, Map.of("memberId", companyOf("owner", "senegal"), "message", " "))
			.path("requestContact.userErrors[0].code").entity(String.class).isEqualTo("INVALID_MESSAGE");
		requestContact(as("newcomer", "france"), Map.of("memberId", companyOf("owner", "france"), "message", "Bonjour"))
			.path("requestContact.userErrors[0].code").entity(String.class).isEqualTo("NO_COMPANY");
		requestContact(anonymous("senegal"), Map.of("memberId", thirdCompanyId, "message", "Bonjour"))
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions().get("code")).isEqualTo("UNAUTHENTICATED")));

		// a FREE company asks 5 companies of its chamber in a day, the sixth is refused
		List<String> companies = as("admin", "senegal").documentName("MemberDirectory")
			.variable("filter", Map.of("statuses", List.of("ACTIVE"))).variable("first", 10).execute()
			.path("members.edges[*].node.id").entityList(String.class).get().stream()
			.filter(id -> !id.equals(thirdCompanyId)).limit(6).toList();
		List<String> codes = new ArrayList<>();
		for (String company : companies) {
			codes.add(requestContact(third, Map.of("memberId", company, "message", "Bonjour, travaillons ensemble."))
				.path("requestContact.userErrors[*].code").entityList(String.class).get().stream().findFirst().orElse("OK"));
		}
		assertThat(codes).containsExactly("OK", "OK", "OK", "OK", "OK", "QUOTA_EXCEEDED");
	}

}
