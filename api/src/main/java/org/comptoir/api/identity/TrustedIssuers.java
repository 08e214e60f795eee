package org.comptoir.api.identity;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.comptoir.api.tenant.TenantRegistry;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The allowlist of token issuers: the realm of a chamber of the registry, and {@code platform}. A
 * realm that is not a chamber ({@code master} included) is never trusted; a chamber opened at
 * runtime is trusted as soon as the registry knows it. One decoder per issuer, kept: its signing
 * keys are fetched once and cached, so a Keycloak outage does not stop requests with valid tokens.
 */
@Component
class TrustedIssuers {

	private final IdentityProperties properties;

	private final TenantRegistry registry;

	private final Map<String, ReactiveAuthenticationManager> managers = new ConcurrentHashMap<>();

	TrustedIssuers(IdentityProperties properties, TenantRegistry registry) {
		this.properties = properties;
		this.registry = registry;
	}

	/** The authentication manager for a token's issuer, empty when the issuer is not trusted. */
	Mono<ReactiveAuthenticationManager> managerFor(String issuer) {
		String prefix = properties.baseUrl() + "/realms/";
		if (issuer == null || !issuer.startsWith(prefix)) {
			return Mono.empty();
		}
		String realm = issuer.substring(prefix.length());
		Mono<Boolean> trusted = Caller.PLATFORM_REALM.equals(realm) ? Mono.just(true)
				: registry.bySlug(realm).hasElement();
		return trusted.filter(Boolean::booleanValue).map(ok -> managers.computeIfAbsent(issuer, this::newManager));
	}

	private ReactiveAuthenticationManager newManager(String issuer) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(issuer + "/protocol/openid-connect/certs").build();
		OAuth2TokenValidator<Jwt> audience = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(properties.audience())
				? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Token not meant for this API", null));
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
				new JwtTimestampValidator(Duration.ofSeconds(30)), audience));
		JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
		manager.setJwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(TrustedIssuers::authentication));
		return manager;
	}

	private static AbstractAuthenticationToken authentication(Jwt jwt) {
		return new JwtAuthenticationToken(jwt,
				KeycloakIssuers.realmRoles(jwt).stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList(),
				jwt.getSubject());
	}

}
