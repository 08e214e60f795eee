package org.comptoir.api.matchmaking;

import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webflux.GraphQlWebSocketHandler;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * Spring Boot's GraphQL WebSocket handler, built as Boot builds it, that also leaves the socket in
 * its session attributes: {@link WebSocketConnections} closes it when its token expires (the
 * interceptor API only sees a {@code WebSocketSessionInfo}, which cannot close).
 */
@Configuration(proxyBeanMethods = false)
class WebSocketEndpoint {

	/** Session attribute holding the {@link WebSocketSession} itself. */
	static final String SOCKET = WebSocketSession.class.getName();

	@Bean
	GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, GraphQlProperties properties,
			GraphQlCorsProperties cors, ServerCodecConfigurer codecs) {
		CorsConfiguration corsConfiguration = cors.toCorsConfiguration();
		GraphQlProperties.Websocket websocket = properties.getWebsocket();
		return corsConfiguration != null
				? new Closable(handler, codecs, websocket, corsConfiguration)
				: new Closable(handler, codecs, websocket, new CorsConfiguration());
	}

	private static final class Closable extends GraphQlWebSocketHandler {

		Closable(WebGraphQlHandler handler, ServerCodecConfigurer codecs, GraphQlProperties.Websocket websocket,
				CorsConfiguration cors) {
			super(handler, codecs, websocket.getConnectionInitTimeout(), websocket.getKeepAlive(), cors);
		}

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			session.getAttributes().put(SOCKET, session);
			return super.handle(session);
		}

	}

}
