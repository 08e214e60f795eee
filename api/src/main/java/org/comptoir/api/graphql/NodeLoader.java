package org.comptoir.api.graphql;

import graphql.GraphQLContext;
import reactor.core.publisher.Mono;

/**
 * Loads one type of {@code Node} for {@code node(id:)} and federation's {@code _entities}, applying the
 * same visibility as the type's own query: empty when the object does not exist or the request's
 * chamber and caller (its visit, in the context) may not see it.
 */
public interface NodeLoader {

	/** The GraphQL type name carried in the global id. */
	String type();

	Mono<?> load(GlobalId id, GraphQLContext context);

}
