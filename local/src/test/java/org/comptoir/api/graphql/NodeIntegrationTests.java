package org.comptoir.api.graphql;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Relay's {@code node(id:)}: every Node type is found by its id, through the contract's NodeLookup document. */
@IntegrationTest
class NodeIntegrationTests extends Chambers {

	/**
	 * Node types of the schema whose feature is not built yet, so no NodeLoader: each leaves this set
	 * when its loader lands (the test below fails until it does), and a new Node type may not join it.
	 */
	private static final Set<String> NOT_YET_BUILT = Set.of();

	@Autowired
	GraphQlSource graphQlSource;

	@Autowired
	List<NodeLoader> loaders;

	@Test
	void everyNodeTypeHasALoaderButThoseNotYetBuilt() {
		Set<String> nodeTypes = graphQlSource.schema().getImplementations((GraphQLInterfaceType) graphQlSource.schema().getType("Node"))
			.stream().map(GraphQLNamedType::getName).collect(Collectors.toSet());
		Set<String> loaded = loaders.stream().map(NodeLoader::type).collect(Collectors.toSet());
		assertThat(nodeTypes).containsAll(loaded);
		assertThat(nodeTypes.stream().filter(type -> !loaded.contains(type)).collect(Collectors.toSet()))
			.as("Node types without a NodeLoader").isEqualTo(NOT_YET_BUILT);
	}

	@Test
	void chambersAndMembersAreFoundByTheirIds() {
		String tenant = anonymous("senegal").document("{ tenant { id } }").execute().path("tenant.id").entity(String.class).get();
		anonymous("senegal").documentName("NodeLookup").variable("id", tenant).execute()
			.path("node.__typename").entity(String.class).isEqualTo("Tenant")
			.path("node.id").entity(String.class).isEqualTo(tenant)
			.path("node.slug").entity(String.class).isEqualTo("senegal");

		String member = anonymous("senegal").documentName("MemberDirectory").variable("first", 1).execute()
			.path("members.edges[0].node.id").entity(String.class).get();
		anonymous("senegal").documentName("NodeLookup").variable("id", member).execute()
			.path("node.__typename").entity(String.class).isEqualTo("Member")
			.path("node.id").entity(String.class).isEqualTo(member)
			.path("node.tenant.slug").entity(String.class).isEqualTo("senegal");
	}

	@Test
	void aPendingMemberIsFoundByItsOwnChambersAdminOnly() {
		String pending = as("admin", "senegal").documentName("MemberDirectory").variable("first", 1)
			.variable("filter", Map.of("statuses", List.of("PENDING"))).execute()
			.path("members.edges[0].node.id").entity(String.class).get();
		as("admin", "senegal").documentName("NodeLookup").variable("id", pending).execute()
			.path("node.id").entity(String.class).isEqualTo(pending);
		anonymous("senegal").documentName("NodeLookup").variable("id", pending).execute().path("node").valueIsNull();
		as("admin", "maroc").documentName("NodeLookup").variable("id", pending).execute().path("node").valueIsNull();
	}

}
