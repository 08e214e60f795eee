package org.comptoir.api.federation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.RawGraphQl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** What a router gets from {@code _service} and {@code _entities}, asked directly. */
@IntegrationTest
class EntityIntegrationTests extends Chambers {

	private static final String ENTITIES = """
			query($representations: [_Any!]!) {
			  _entities(representations: $representations) {
			    __typename ... on Member { id name } ... on Tenant { id slug } ... on Listing { id visibility }
			  }
			}""";

	private static final String NODE = "query($id: ID!) { node(id: $id) { id } }";

	private record Caller(String description, String slug, String token) {
	}

	@Value("${comptoir.federation.router-secret}")
	String routerSecret;

	@Test
	void serviceSdlIsAFederationTwoSubgraphServedWithNoChamber() {
		String sdl = api().anonymous().mutate().header("X-Router-Secret", routerSecret).build()
			.document("{ _service { sdl } }").execute().path("_service.sdl").entity(String.class).get();
		assertThat(sdl).contains("@link(", "https://specs.apollo.dev/federation/v2.9")
			.containsPattern("type Member implements Node @key\\(fields ?: ?\"id\"")
			.containsPattern("type Tenant implements Node @key\\(fields ?: ?\"id\"")
			.containsPattern("type Listing implements Node @key\\(fields ?: ?\"id\"");
	}

	@Test
	void serviceSdlIsForTheRouterOnly() {
		for (RawGraphQl client : List.of(new RawGraphQl(port), new RawGraphQl(port).header("X-Router-Secret", "guess"),
				new RawGraphQl(port).header("X-Tenant", "senegal").header("Authorization", "Bearer " + token("senegal", "admin@senegal.test")))) {
			RawGraphQl.Reply reply = client.query("{ _service { sdl } }");
			assertThat(reply.code()).as(reply.text()).isEqualTo("FORBIDDEN");
			assertThat(reply.text()).doesNotContain("@key");
		}
	}

	/**
	 * The rules of {@code node(id:)}, case by case: for each caller and chamber, an entity is given out
	 * exactly when {@code node} gives it out, and is otherwise null with a NOT_FOUND error at its index.
	 */
	@Test
	void entitiesAreGivenOutExactlyWhenNodeGivesThemOut() {
		Map<String, String> ids = new LinkedHashMap<>();
		ids.put(memberId("senegal", "ACTIVE"), "Member");
		ids.put(memberId("senegal", "PENDING"), "Member");
		ids.put(memberId("maroc", "ACTIVE"), "Member");
		ids.put(tenantId("senegal"), "Tenant");
		ids.put(tenantId("maroc"), "Tenant");
		ids.put(listingId("maroc", "NETWORK"), "Listing");
		ids.put(listingId("maroc", "CHAMBER"), "Listing");
		ids.put(listingId("senegal", "CHAMBER"), "Listing");
		List<Map<String, Object>> representations = new ArrayList<>();
		ids.forEach((id, type) -> representations.add(Map.of("__typename", type, "id", id)));

		List<Caller> callers = List.of(new Caller("anonymous in senegal", "senegal", null),
				new Caller("owner in senegal", "senegal", token("senegal", "owner@senegal.test")),
				new Caller("admin of senegal", "senegal", token("senegal", "admin@senegal.test")),
				new Caller("admin of maroc", "maroc", token("maroc", "admin@maroc.test")));
		int refusals = 0;
		for (Caller caller : callers) {
			Map<String, Object> response = execute(caller, ENTITIES, Map.of("representations", representations));
			List<?> entities = (List<?>) data(response).get("_entities");
			assertThat(entities).hasSize(ids.size());
			List<Object> refusedAt = new ArrayList<>();
			int index = 0;
			for (String id : ids.keySet()) {
				Object byNode = data(execute(caller, NODE, Map.of("id", id))).get("node");
				Object entity = entities.get(index);
				assertThat(entity == null).as(caller.description() + " asking for " + id + " (node: " + byNode + ")")
					.isEqualTo(byNode == null);
				if (entity == null) {
					refusedAt.add(List.of("_entities", index));
				}
				else {
					assertThat(map(entity).get("id")).isEqualTo(id);
				}
				index++;
			}
			List<Object> errors = response.get("errors") instanceof List<?> list ? new ArrayList<>(list) : List.of();
			assertThat(errors).as(caller.description()).hasSize(refusedAt.size())
				.allSatisfy(error -> assertThat(map(map(error).get("extensions"))).containsEntry("code", "NOT_FOUND"));
			assertThat(errors.stream().map(error -> map(error).get("path")).toList())
				.containsExactlyInAnyOrderElementsOf(refusedAt);
			refusals += refusedAt.size();
		}
		// the matrix shows both sides: another chamber's member and a pending one are refused somewhere
		assertThat(refusals).isGreaterThanOrEqualTo(callers.size());
	}

	@Test
	void badRepresentationsAreTheCallersFault() {
		Map<String, Object> response = execute(new Caller("anonymous", "senegal", null), ENTITIES,
				Map.of("representations", List.of(Map.of("__typename", "Member", "id", "not-an-id"),
						Map.of("__typename", "Invoice", "id", "x"), Map.of("id", "x"))));
		assertThat((List<?>) data(response).get("_entities")).containsExactly(null, null, null);
		assertThat((List<?>) response.get("errors")).hasSize(3)
			.allSatisfy(error -> assertThat(map(map(error).get("extensions"))).containsEntry("code", "BAD_USER_INPUT"));
	}

	@Test
	void membersNeedAChamberButChambersDoNot() {
		Map<String, Object> response = execute(new Caller("no chamber", null, null), ENTITIES,
				Map.of("representations", List.of(Map.of("__typename", "Member", "id", memberId("senegal", "ACTIVE")),
						Map.of("__typename", "Tenant", "id", tenantId("senegal")))));
		List<?> entities = (List<?>) data(response).get("_entities");
		assertThat(entities.get(0)).isNull();
		assertThat(map(entities.get(1))).containsEntry("slug", "senegal");
		assertThat((List<?>) response.get("errors")).singleElement()
			.satisfies(error -> assertThat(map(map(error).get("extensions"))).containsEntry("code", "TENANT_NOT_FOUND"));
	}

	private Map<String, Object> execute(Caller caller, String document, Map<String, Object> variables) {
		@SuppressWarnings("unchecked")
		Map<String, Object> response = api().http().post().uri("/graphql")
			.headers(headers -> {
				if (caller.slug() != null) {
					headers.add("X-Tenant", caller.slug());
				}
				if (caller.token() != null) {
					headers.setBearerAuth(caller.token());
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", document, "variables", variables))
			.exchange()
			.expectStatus().isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return response;
	}

	private static Map<String, Object> data(Map<String, Object> response) {
		assertThat(response).containsKey("data");
		return map(response.get("data"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	private String memberId(String slug, String status) {
		return as("admin", slug).documentName("MemberDirectory").variable("first", 1)
			.variable("filter", Map.of("statuses", List.of(status))).execute()
			.path("members.edges[0].node.id").entity(String.class).get();
	}

	private String listingId(String slug, String visibility) {
		return anonymous(slug).document("{ listings(first: 100) { edges { node { id visibility } } } }").execute()
			.path("listings.edges[?(@.node.visibility == '" + visibility + "')].node.id").entityList(String.class).get().get(0);
	}

	private String tenantId(String slug) {
		return anonymous(slug).document("{ tenant { id } }").execute().path("tenant.id").entity(String.class).get();
	}

}
