package org.comptoir.api.graphql;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.GraphQLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Relay's {@code node(id:)}: dispatches on the type carried by the id. */
@Controller
class NodeController {

	private final Map<String, NodeLoader> loaders;

	NodeController(List<NodeLoader> loaders) {
		this.loaders = loaders.stream().collect(Collectors.toUnmodifiableMap(NodeLoader::type, Function.identity()));
	}

	@QueryMapping
	Mono<?> node(@Argument String id, GraphQLContext context) {
		GlobalId globalId = GlobalId.decode(id).orElseThrow(() -> ApiException.badInput("Not a node id: " + id));
		NodeLoader loader = loaders.get(globalId.type());
		return loader == null ? Mono.empty() : loader.load(globalId, context);
	}

}
