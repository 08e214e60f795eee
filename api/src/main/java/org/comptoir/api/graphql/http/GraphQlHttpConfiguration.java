package org.comptoir.api.graphql.http;

import java.util.List;

import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Puts {@link GraphQlHttpEndpoint} on the GraphQL path, ahead of Spring Boot's routes, which keep
 * what this one leaves: subscriptions over SSE ({@code Accept: text/event-stream}), GraphiQL and the
 * printed schema ({@code /graphql/schema}). WebSocket upgrades are mapped before any route.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlHttpConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphQlHttpRoute(GraphQlProperties properties, GraphQlHttpEndpoint endpoint) {
		RequestPredicate graphQl = RequestPredicates.path(properties.getHttp().getPath())
			.and(RequestPredicates.method(HttpMethod.GET).or(RequestPredicates.method(HttpMethod.POST)))
			.and(request -> !wantsEventStream(request));
		return RouterFunctions.route(graphQl, endpoint::handle);
	}

	/** An SSE subscription: asks for text/event-stream and no JSON. */
	private static boolean wantsEventStream(ServerRequest request) {
		List<MediaType> accepted;
		try {
			accepted = request.headers().accept();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		return accepted.stream().anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype)
				&& accepted.stream().noneMatch(type -> type.getSubtype().endsWith("json"));
	}

}
