package org.comptoir.api.identity;

import java.text.ParseException;

import com.nimbusds.jwt.JWTParser;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Validates a bearer token outside an HTTP request (the {@code connection_init} of a WebSocket)
 * exactly as the HTTP security chain does: the same issuer allowlist, decoders and validators.
 */
@Component
public class BearerTokens {

	private final TrustedIssuers issuers;

	BearerTokens(TrustedIssuers issuers) {
		this.issuers = issuers;
	}

	/**
	 * The authentication of a token ("Bearer " prefix optional); empty when the token is malformed,
	 * from an issuer this API does not trust, expired, or fails any other check.
	 */
	public Mono<Authentication> authenticate(String token) {
		String raw = token.regionMatches(true, 0, "Bearer ", 0, 7) ? token.substring(7).trim() : token.trim();
		String issuer;
		try {
			issuer = JWTParser.parse(raw).getJWTClaimsSet().getIssuer();
		}
		catch (ParseException | RuntimeException ex) {
			return Mono.empty();
		}
		return issuers.managerFor(issuer)
			.flatMap(manager -> manager.authenticate(new BearerTokenAuthenticationToken(raw)))
			.onErrorResume(org.springframework.security.core.AuthenticationException.class, ex -> Mono.empty());
	}

}
