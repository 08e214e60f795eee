package org.comptoir.portal.api;

import org.comptoir.portal.chamber.Chamber;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The signed-in visitor's access token for the request's chamber, refreshed when it is about to expire;
 * empty when nobody is signed in, or signed in to another chamber's realm (a session never crosses chambers).
 */
@Component
public class AccessTokens {

	/** Lazily: the clients' registrations are the chambers, which the API (and so this) reads. */
	private final ObjectProvider<ReactiveOAuth2AuthorizedClientManager> clients;

	AccessTokens(ObjectProvider<ReactiveOAuth2AuthorizedClientManager> clients) {
		this.clients = clients;
	}

	public Mono<String> of(ServerWebExchange exchange) {
		Chamber chamber = exchange.getAttribute(Chamber.ATTRIBUTE);
		if (chamber == null) {
			return Mono.empty();
		}
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(context -> context.getAuthentication())
			.filter(OAuth2AuthenticationToken.class::isInstance)
			.cast(OAuth2AuthenticationToken.class)
			.filter(auth -> auth.getAuthorizedClientRegistrationId().equals(chamber.slug()))
			.flatMap(auth -> clients.getObject().authorize(OAuth2AuthorizeRequest.withClientRegistrationId(chamber.slug())
				.principal(auth)
				.attribute(ServerWebExchange.class.getName(), exchange)
				.build()))
			.map(client -> client.getAccessToken().getTokenValue())
			.onErrorResume(ex -> Mono.empty());
	}

}
