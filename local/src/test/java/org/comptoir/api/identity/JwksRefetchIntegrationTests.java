package org.comptoir.api.identity;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.tenant.TenantRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged tokens naming a trusted issuer and a key it never had: counted at a real HTTP server standing
 * in for Keycloak's certs endpoint, they must not make the API fetch the issuer's keys again each time.
 */
@IntegrationTest
class JwksRefetchIntegrationTests {

	@Autowired
	TenantRegistry registry;

	private HttpServer keycloak;

	private final AtomicInteger fetches = new AtomicInteger();

	private RSAKey realmKey;

	private String issuer;

	private TrustedIssuers issuers;

	@BeforeEach
	void start() throws Exception {
		realmKey = new RSAKeyGenerator(2048).keyID("realm-key").generate();
		byte[] jwks = new JWKSet(realmKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		keycloak.createContext("/realms/senegal/protocol/openid-connect/certs", exchange -> {
			fetches.incrementAndGet();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			exchange.getResponseBody().write(jwks);
			exchange.close();
		});
		keycloak.start();
		String url = "http://127.0.0.1:" + keycloak.getAddress().getPort();
		issuer = url + "/realms/senegal";
		IdentityProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("comptoir.keycloak.url", url)))
			.bind("comptoir.keycloak", IdentityProperties.class).get();
		issuers = new TrustedIssuers(properties, registry);
	}

	@AfterEach
	void stop() {
		keycloak.stop(0);
	}

	private String token(RSAKey key) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("someone").audience(List.of("comptoir-api"))
			.issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private boolean authenticates(String token) {
		try {
			Authentication result = issuers.managerFor(issuer).block()
				.authenticate(new BearerTokenAuthenticationToken(token)).block(Duration.ofSeconds(10));
			return result != null && result.isAuthenticated();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@Test
	void forgedTokensWithAnUnknownKeyDoNotRefetchTheKeysEachTime() throws Exception {
		assertThat(authenticates(token(realmKey))).as("a token signed by the realm's key").isTrue();
		int afterFirst = fetches.get();
		assertThat(afterFirst).isEqualTo(1);

		RSAKey forger = new RSAKeyGenerator(2048).keyID("unknown-kid").generate();
		String forged = token(forger);
		for (int i = 0; i < 50; i++) {
			assertThat(authenticates(forged)).isFalse();
		}
		assertThat(fetches.get() - afterFirst).as("fetches of the keys for 50 forged tokens").isLessThanOrEqualTo(1);
		assertThat(authenticates(token(realmKey))).as("real tokens still verify meanwhile").isTrue();
	}

}
