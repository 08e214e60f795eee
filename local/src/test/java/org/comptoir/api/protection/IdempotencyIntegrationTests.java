package org.comptoir.api.protection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import org.comptoir.local.LocalPostgres;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.Postgres;
import org.comptoir.api.support.RawGraphQl;
import org.comptoir.keycloak.RealmProvisioner;
import org.comptoir.keycloak.RealmTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A retried creation with the same idempotency key returns the first result and creates nothing new. */
@IntegrationTest
class IdempotencyIntegrationTests extends Chambers {

	private static final String CREATE_LISTING = """
			mutation CreateListing($input: CreateListingInput!) {
			  createListing(input: $input) { listing { id title } userErrors { code message } }
			}""";

	private static final String REGISTER_MEMBER = """
			mutation RegisterMember($input: RegisterMemberInput!) {
			  registerMember(input: $input) { member { id name status } userErrors { code message } }
			}""";

	@Autowired
	LocalPostgres postgres;

	@Autowired
	RealmProvisioner provisioner;

	private RawGraphQl owner(String slug) {
		return new RawGraphQl(port).header("X-Tenant", slug).header("Authorization", "Bearer " + token(slug, "owner@" + slug + ".test"));
	}

	private static Map<String, Object> listing(String title) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("kind", "OFFER");
		input.put("title", title);
		input.put("hsCode", "0901");
		return input;
	}

	private long listingsTitled(String title) {
		return new Postgres(postgres).count("SELECT count(*) FROM listing_translation WHERE title = ?", title);
	}

	@Test
	void retriedCreateListingReturnsTheFirstListingAndCreatesNoOther() {
		String title = "Café idempotent " + UUID.randomUUID();
		RawGraphQl client = owner("senegal").header("Idempotency-Key", UUID.randomUUID().toString());
		RawGraphQl.Reply first = client.query(CREATE_LISTING, Map.of("input", listing(title)));
		RawGraphQl.Reply retry = client.query(CREATE_LISTING, Map.of("input", listing(title)));

		assertThat(first.errors()).as(first.text()).isEmpty();
		Object id = first.data("createListing.listing.id");
		assertThat(id).isNotNull();
		assertThat(retry.data("createListing.listing.id")).isEqualTo(id);
		assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(listingsTitled(title)).isEqualTo(1);

		RawGraphQl.Reply other = owner("senegal").header("Idempotency-Key", UUID.randomUUID().toString())
			.query(CREATE_LISTING, Map.of("input", listing(title)));
		assertThat(other.data("createListing.listing.id")).as("a new key is a new listing").isNotEqualTo(id);
		assertThat(listingsTitled(title)).isEqualTo(2);
	}

	@Test
	void concurrentIdenticalRetriesCreateOneRow() throws Exception {
		String title = "Cacao concurrent " + UUID.randomUUID();
		RawGraphQl client = owner("maroc").header("Idempotency-Key", "retry-" + UUID.randomUUID());
		List<Callable<RawGraphQl.Reply>> retries = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			retries.add(() -> client.query(CREATE_LISTING, Map.of("input", listing(title))));
		}
		ExecutorService pool = Executors.newFixedThreadPool(8);
		Set<Object> ids = new HashSet<>();
		try {
			for (Future<RawGraphQl.Reply> reply : pool.invokeAll(retries)) {
				RawGraphQl.Reply answer = reply.get();
				assertThat(answer.errors()).as(answer.text()).isEmpty();
				ids.add(answer.data("createListing.listing.id"));
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(ids).hasSize(1).doesNotContainNull();
		assertThat(listingsTitled(title)).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherInputIsRefused() {
		String title = "Coton " + UUID.randomUUID();
		RawGraphQl client = owner("rwanda").header("Idempotency-Key", UUID.randomUUID().toString());
		assertThat(client.query(CREATE_LISTING, Map.of("input", listing(title))).errors()).isEmpty();

		RawGraphQl.Reply reused = client.query(CREATE_LISTING, Map.of("input", listing(title + " (bis)")));
		assertThat(reused.code()).isEqualTo("BAD_USER_INPUT");
		assertThat(reused.message()).contains("already used for another request");
		assertThat(reused.json().get("data")).isNull();
		assertThat(listingsTitled(title + " (bis)")).isZero();
	}

	@Test
	void theKeyMayTravelInTheInputForWebSocketClients() {
		String title = "Karité " + UUID.randomUUID();
		String key = UUID.randomUUID().toString();
		Map<String, Object> input = listing(title);
		input.put("idempotencyKey", key);
		RawGraphQl client = owner("france");
		Object id = client.query(CREATE_LISTING, Map.of("input", input)).data("createListing.listing.id");
		assertThat(id).isNotNull();
		assertThat(client.query(CREATE_LISTING, Map.of("input", input)).data("createListing.listing.id")).isEqualTo(id);
		String inline = "mutation { createListing(input: {kind: OFFER, title: \"" + title
				+ "\", hsCode: \"0901\", idempotencyKey: \"" + key + "-inline\"}) { listing { id } } }";
		Object inlineId = client.query(inline).data("createListing.listing.id");
		assertThat(client.query(inline).data("createListing.listing.id")).isEqualTo(inlineId);
		assertThat(listingsTitled(title)).isEqualTo(2);

		RawGraphQl.Reply twoKeys = client.header("Idempotency-Key", "another").query(CREATE_LISTING, Map.of("input", input));
		assertThat(twoKeys.code()).isEqualTo("BAD_USER_INPUT");
	}

	@Test
	void retriedRegisterMemberRegistersOnce() throws Exception {
		String email = "idempotent-" + UUID.randomUUID() + "@senegal.test";
		String password = "Idempotent-" + UUID.randomUUID();
		String userId = provisioner.createUser("senegal", email, "Awa", "Diop", password, RealmTemplate.MEMBER);
		try {
			String name = "Retry Export " + UUID.randomUUID().toString().substring(0, 8);
			RawGraphQl client = new RawGraphQl(port).header("X-Tenant", "senegal")
				.header("Authorization", "Bearer " + tokens().password("senegal", email, password))
				.header("Idempotency-Key", UUID.randomUUID().toString());
			Map<String, Object> input = Map.of("name", name, "country", "SN");
			List<Callable<RawGraphQl.Reply>> retries = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				retries.add(() -> client.query(REGISTER_MEMBER, Map.of("input", input)));
			}
			ExecutorService pool = Executors.newFixedThreadPool(5);
			Set<Object> ids = new HashSet<>();
			try {
				for (Future<RawGraphQl.Reply> reply : pool.invokeAll(retries)) {
					RawGraphQl.Reply answer = reply.get();
					assertThat(answer.data("registerMember.userErrors")).as(answer.text()).isEqualTo(List.of());
					ids.add(answer.data("registerMember.member.id"));
				}
			}
			finally {
				pool.shutdown();
			}
			assertThat(ids).hasSize(1).doesNotContainNull();
			assertThat(new Postgres(postgres).count("SELECT count(*) FROM member WHERE name = ?", name)).isEqualTo(1);
		}
		finally {
			provisioner.deleteUser("senegal", userId);
		}
	}

	@Test
	void aMutationWhoseClientLeftAfterItsCommitIsNotRunAgainByTheRetry() throws Exception {
		String title = "Sésame parti " + UUID.randomUUID();
		String key = "gone-" + UUID.randomUUID();
		String token = token("senegal", "owner@senegal.test");
		// the answer needs the company's registrations, held back by a lock: the listing commits, the answer waits
		String document = """
				mutation CreateListing($input: CreateListingInput!) {
				  createListing(input: $input) { listing { id member { registrations { scheme } } } userErrors { code } }
				}""";
		Postgres db = new Postgres(postgres);
		try (Connection locker = db.connect(); Statement statement = locker.createStatement()) {
			locker.setAutoCommit(false);
			statement.execute("LOCK TABLE member_registration IN ACCESS EXCLUSIVE MODE");
			Disposable first = WebClient.create("http://localhost:" + port).post().uri("/graphql")
				.header("X-Tenant", "senegal").header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(JsonMapper.builder().build().writeValueAsString(Map.of("query", document, "variables",
						Map.of("input", listing(title)))))
				.retrieve().bodyToMono(String.class)
				.subscribe(null, ex -> { });
			awaitUntil(() -> listingsTitled(title) == 1);
			// the client goes away after the commit, before the answer
			first.dispose();
			awaitUntil(() -> db.count("""
					SELECT count(*) FROM idempotency_key WHERE idempotency_key = ? AND (locked_until IS NULL OR locked_until < now())""", key) == 1
					|| db.count("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", key) == 0);
			locker.rollback();
		}

		RawGraphQl.Reply retry = owner("senegal").header("Idempotency-Key", key).query(document, Map.of("input", listing(title)));

		assertThat(listingsTitled(title)).as("the retry created no second listing").isEqualTo(1);
		assertThat(retry.code()).as(retry.text()).isEqualTo("BAD_USER_INPUT");
		assertThat(retry.message()).contains("already ran");
	}

	@Test
	void keptAnswersHoldNoSecrets() {
		String key = UUID.randomUUID().toString();
		String title = "Bissap secret " + UUID.randomUUID();
		// any field named like a password or a secret, here an alias the client chose
		String document = """
				mutation CreateListing($input: CreateListingInput!) {
				  createListing(input: $input) { listing { id password: title clientSecret: title } }
				}""";
		RawGraphQl client = owner("senegal").header("Idempotency-Key", key);
		RawGraphQl.Reply first = client.query(document, Map.of("input", listing(title)));
		assertThat(first.data("createListing.listing.password")).as(first.text()).isEqualTo(title);

		RawGraphQl.Reply replay = client.query(document, Map.of("input", listing(title)));
		assertThat(replay.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.data("createListing.listing.id")).isEqualTo(first.data("createListing.listing.id"));
		assertThat(replay.data("createListing.listing.password")).isNull();
		assertThat(replay.data("createListing.listing.clientSecret")).isNull();
		assertThat(new Postgres(postgres).count("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ? AND response::text LIKE ?",
				key, "%" + title + "%")).isZero();

		// a colleague's first password, as inviteMemberUser returns it where it does
		String inviteKey = UUID.randomUUID().toString();
		String email = "kept-" + UUID.randomUUID().toString().substring(0, 8) + "@senegal.test";
		owner("senegal").header("Idempotency-Key", inviteKey).query("""
				mutation($input: InviteMemberUserInput!) { inviteMemberUser(input: $input) { userId initialPassword userErrors { code } } }""",
				Map.of("input", Map.of("email", email, "firstName", "Fatou")));
		assertThat(new Postgres(postgres).count("""
				SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?
				  AND response #> '{data,inviteMemberUser,userId}' IS NOT NULL
				  AND jsonb_typeof(response #> '{data,inviteMemberUser,initialPassword}') = 'null'""", inviteKey)).isEqualTo(1);
	}

	private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

}
