package org.comptoir.api.identity;

import java.util.Optional;

import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.tenant.ChamberResolution;
import org.comptoir.api.tenant.ChamberResolution.Named;
import org.comptoir.tenants.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The chamber and the caller of a request, and the one check between them, for every transport:
 * HTTP and SSE ({@link TenantIssuerFilter}, in the security chain) and WebSocket (the matchmaking
 * feature's {@code connection_init}). The caller is whoever the token presented is; a token's realm
 * must be the chamber named, wherever it was named (else {@code TENANT_MISMATCH}); with none named,
 * the token's realm names it; an unknown chamber is {@code TENANT_NOT_FOUND}, a token that fails
 * validation {@code UNAUTHENTICATED}.
 */
@Component
public class RequestIdentity {

	/** What a request may run as, or why it may not run at all. */
	public sealed interface Outcome {
	}

	/** The visit, and the token it was checked from (a socket closes when it expires). */
	public record Resolved(Visit visit, @Nullable Authentication authentication) implements Outcome {
	}

	/** Refused before anything runs: the contract code, its HTTP status, and why. */
	public record Refused(ErrorCode code, HttpStatus status, String message) implements Outcome {
	}

	private final ChamberResolution chambers;

	RequestIdentity(ChamberResolution chambers) {
		this.chambers = chambers;
	}

	/** The refusal for a token that fails validation. */
	public static Refused unauthenticated() {
		return new Refused(ErrorCode.UNAUTHENTICATED, HttpStatus.UNAUTHORIZED,
				"The bearer token is invalid, expired, or from a realm this API does not trust.");
	}

	/** The refusal for a request that names two chambers. */
	public static Refused twoChambers(String first, String second) {
		return new Refused(ErrorCode.TENANT_MISMATCH, HttpStatus.FORBIDDEN,
				"The request names chamber '" + first + "' and chamber '" + second + "': name one.");
	}

	/** The check: the caller's realm against the chamber named, or the chamber of the caller's realm. */
	public Mono<Outcome> check(Named named, @Nullable Authentication authentication) {
		if (named instanceof Named.Unknown unknown) {
			return Mono.just(new Refused(ErrorCode.TENANT_NOT_FOUND, HttpStatus.NOT_FOUND, unknown.message()));
		}
		CurrentTenant tenant = named instanceof Named.Known known ? known.tenant() : null;
		Optional<Caller> caller = authentication == null ? Optional.empty() : Caller.of(authentication);
		if (caller.isEmpty()) {
			return Mono.just(new Resolved(new Visit(tenant, null), null));
		}
		String realm = caller.get().realm();
		if (tenant != null) {
			return Mono.just(tenant.slug().equals(realm) ? new Resolved(new Visit(tenant, caller.get()), authentication)
					: new Refused(ErrorCode.TENANT_MISMATCH, HttpStatus.FORBIDDEN,
							"This token is from realm '" + realm + "', not from chamber '" + tenant.slug() + "'."));
		}
		if (Caller.PLATFORM_REALM.equals(realm)) {
			return Mono.just(new Resolved(new Visit(null, caller.get()), authentication));
		}
		return chambers.ofRealm(realm)
			.<Outcome>map(own -> new Resolved(new Visit(own, caller.get()), authentication))
			.defaultIfEmpty(new Resolved(new Visit(null, caller.get()), authentication));
	}

}
