package org.comptoir.api.identity;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.SignedJWT;

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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The allowlist of token issuers: the realm of a chamber of the registry, and {@code platform}. A
 * realm that is not a chamber ({@code master} included) is never trusted; a chamber opened at
 * runtime is trusted as soon as the registry knows it. One decoder per issuer, kept: its signing
 * keys are fetched once and cached, and fetched again on an unknown key at most once per cool-down.
 */
@Component
class TrustedIssuers {

	/** How long an issuer's keys are kept before they are fetched again. */
	static final Duration KEYS_TTL = Duration.ofMinutes(5);

	/** The least time between two fetches of an issuer's keys, whatever tokens arrive. */
	static final Duration REFETCH_COOL_DOWN = Duration.ofSeconds(30);

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
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(signingKeys(issuer)).build();
		OAuth2TokenValidator<Jwt> audience = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(properties.audience())
				? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Token not meant for this API", null));
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
				new JwtTimestampValidator(Duration.ofSeconds(30)), audience));
		JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
		manager.setJwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(TrustedIssuers::authentication));
		return manager;
	}

	/**
	 * The issuer's signing keys, cached for {@link #KEYS_TTL}; a token whose key is not in the cache
	 * (a rotation, or a forged {@code kid}) refetches them at most once per {@link #REFETCH_COOL_DOWN}, so
	 * forged tokens cannot make every request a call to Keycloak. Nimbus' source blocks while it
	 * fetches: it runs on the bounded elastic scheduler.
	 */
	private static Function<SignedJWT, Flux<JWK>> signingKeys(String issuer) {
		JWKSource<SecurityContext> source;
		try {
			source = JWKSourceBuilder.<SecurityContext>create(URI.create(issuer + "/protocol/openid-connect/certs").toURL(),
					new DefaultResourceRetriever(2_000, 2_000, 256 * 1024))
				.cache(KEYS_TTL.toMillis(), 5_000)
				.rateLimited(REFETCH_COOL_DOWN.toMillis())
				.refreshAheadCache(false)
				.retrying(false)
				.outageTolerantForever() // Keycloak down: the last keys still verify tokens
				.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("Not an issuer URL: " + issuer, ex);
		}
		return jwt -> Mono.fromCallable(() -> source.get(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())), null))
			.subscribeOn(Schedulers.boundedElastic())
			// in the cool-down, or Keycloak unreachable with no keys kept: no key, so the token is refused (401)
			.onErrorResume(KeySourceException.class, ex -> Mono.just(List.of()))
			.flatMapMany(Flux::fromIterable);
	}

	private static AbstractAuthenticationToken authentication(Jwt jwt) {
		return new JwtAuthenticationToken(jwt,
				KeycloakIssuers.realmRoles(jwt).stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList(),
				jwt.getSubject());
	}

}
