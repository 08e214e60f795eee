package org.comptoir.portal.security;

import java.net.URI;

import org.comptoir.portal.chamber.Chamber;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Signing in: the chamber's own realm, through the browser (authorization code with PKCE); the tokens stay on
 * the server, in the visitor's session, never in the page. Reading and searching need no account; the pages
 * under {@link #SIGNED_IN} do, and send a visitor who is not signed in to the chamber's sign-in page and back.
 */
@Configuration
class SecurityConfiguration {

	/** The pages only a signed-in user sees. */
	static final String[] SIGNED_IN = { "/my/**", "/inbox/**", "/account/**", "/admin/**", "/register/**",
			"/contact/**", "/notifications/**" };

	@Bean
	ServerOAuth2AuthorizedClientRepository authorizedClients() {
		return new WebSessionServerOAuth2AuthorizedClientRepository();
	}

	@Bean
	ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ChamberRegistrations registrations,
			ServerOAuth2AuthorizedClientRepository authorizedClients) {
		DefaultReactiveOAuth2AuthorizedClientManager manager = new DefaultReactiveOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(
				ReactiveOAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
		return manager;
	}

	@Bean
	SecurityWebFilterChain portalSecurity(ServerHttpSecurity http, ChamberRegistrations registrations,
			ServerOAuth2AuthorizedClientRepository authorizedClients) {
		OidcClientInitiatedServerLogoutSuccessHandler signedOut = new OidcClientInitiatedServerLogoutSuccessHandler(
				registrations);
		signedOut.setPostLogoutRedirectUri("{baseUrl}/");
		return http.authorizeExchange(exchanges -> exchanges.pathMatchers(SIGNED_IN).authenticated().anyExchange().permitAll())
			.oauth2Login(login -> login.clientRegistrationRepository(registrations).authorizedClientRepository(authorizedClients))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(signIn()))
			.logout(logout -> logout.logoutSuccessHandler(signedOut))
			// pages say themselves how they are cached (web.CachePolicy)
			.headers(headers -> headers.cache(cache -> cache.disable())
				.contentSecurityPolicy(csp -> csp.policyDirectives(
						"default-src 'self'; img-src 'self' data: http: https:; style-src 'self' 'unsafe-inline'; "
								+ "script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
								+ "form-action 'self' http: https:")))
			.build();
	}

	/** To the sign-in page of the host's chamber; on the network's page, with no chamber, nothing to sign in to. */
	private static ServerAuthenticationEntryPoint signIn() {
		return (exchange, denied) -> {
			Chamber chamber = exchange.getAttribute(Chamber.ATTRIBUTE);
			if (chamber == null) {
				return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
			}
			return new RedirectServerAuthenticationEntryPoint(URI.create("/oauth2/authorization/" + chamber.slug()).toString())
				.commence(exchange, denied);
		};
	}

}
