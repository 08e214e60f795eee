package org.comptoir.portal.security;

import org.comptoir.portal.PortalProperties;
import org.comptoir.portal.chamber.Chambers;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One OAuth client registration per chamber, named after its slug: the public client {@code portal} of the
 * chamber's own realm, authorization code with PKCE (Spring Security adds it for a client with no secret). A
 * chamber opened at runtime can sign in at once.
 */
@Component
class ChamberRegistrations implements ReactiveClientRegistrationRepository {

	static final String CLIENT_ID = "portal";

	private final Chambers chambers;

	private final PortalProperties properties;

	ChamberRegistrations(Chambers chambers, PortalProperties properties) {
		this.chambers = chambers;
		this.properties = properties;
	}

	@Override
	public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
		return chambers.bySlug(registrationId).map(chamber -> {
			String issuer = properties.issuer(chamber.slug());
			String endpoints = issuer + "/protocol/openid-connect";
			return ClientRegistration.withRegistrationId(chamber.slug())
				.clientId(CLIENT_ID)
				.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.scope("openid", "profile", "email")
				.authorizationUri(endpoints + "/auth")
				.tokenUri(endpoints + "/token")
				.jwkSetUri(endpoints + "/certs")
				.userInfoUri(endpoints + "/userinfo")
				.userNameAttributeName(IdTokenClaimNames.SUB)
				.issuerUri(issuer)
				.providerConfigurationMetadata(java.util.Map.of("end_session_endpoint", endpoints + "/logout"))
				.clientName(chamber.displayName())
				.build();
		});
	}

}
