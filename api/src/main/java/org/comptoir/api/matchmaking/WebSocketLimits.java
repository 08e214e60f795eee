package org.comptoir.api.matchmaking;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Caps on GraphQL WebSockets ({@code comptoir.websocket.*}), per instance: over a cap the socket or
 * the subscription is refused with {@code RATE_LIMITED}.
 *
 * @param maxSocketsPerUser open sockets one signed-in user may hold
 * @param maxSocketsPerAddress open anonymous sockets one address may hold
 * @param maxSubscriptionsPerSocket subscriptions running at once on one socket
 */
@ConfigurationProperties("comptoir.websocket")
record WebSocketLimits(@DefaultValue("8") int maxSocketsPerUser, @DefaultValue("32") int maxSocketsPerAddress,
		@DefaultValue("20") int maxSubscriptionsPerSocket) {
}
