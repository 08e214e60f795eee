package org.comptoir.api.tenant;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.comptoir.api.ComptoirProperties;
import org.comptoir.api.graphql.UserError;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A chamber's own domain for its portal, served only once proved: the chamber admin asks for it
 * (updateBranding), publishes the token the API gives in a DNS TXT record
 * {@code _comptoir-challenge.<domain>}, then asks for the proof to be checked (verifyCustomDomain).
 * The base domain, its subdomains, the API's own host names and local names are never anyone's.
 */
@Component
public class CustomDomains {

	public static final String CHALLENGE_PREFIX = "_comptoir-challenge.";

	private static final Pattern HOSTNAME = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

	private static final SecureRandom RANDOM = new SecureRandom();

	/** A chamber's custom domain as its admins see it: asked for (pending) or proved. */
	public record Verification(String domain, CustomDomainStatus status, String recordName, String token, OffsetDateTime verifiedAt) {

		static Verification of(String domain, String token, OffsetDateTime verifiedAt) {
			return new Verification(domain, verifiedAt == null ? CustomDomainStatus.PENDING : CustomDomainStatus.VERIFIED, CHALLENGE_PREFIX + domain, token, verifiedAt);
		}
	}

	private final List<String> reserved;

	private final TenantRepository tenants;

	private final TenantRegistry registry;

	private final DnsTxtRecords dns;

	CustomDomains(ComptoirProperties properties, DomainSettings settings, TenantRepository tenants, TenantRegistry registry,
			DnsTxtRecords dns) {
		List<String> names = new ArrayList<>(List.of(properties.baseDomain(), "localhost"));
		names.addAll(settings.reserved());
		this.reserved = names.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).filter(name -> !name.isEmpty()).toList();
		this.tenants = tenants;
		this.registry = registry;
		this.dns = dns;
	}

	/** Why a chamber may not claim this domain (lower-case), or empty when it may. */
	public Optional<String> refusal(String domain) {
		if (!HOSTNAME.matcher(domain).matches()) {
			return Optional.of("customDomain must be a host name (no address, port or path): " + domain);
		}
		for (String name : reserved) {
			if (domain.equals(name) || domain.endsWith("." + name)) {
				return Optional.of("customDomain must be a domain of the chamber's own, not the platform's " + name + ": " + domain);
			}
		}
		return Optional.empty();
	}

	/** The token a chamber publishes to prove a domain it asks for. */
	public static String newToken() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return "comptoir-" + HexFormat.of().formatHex(bytes);
	}

	/** The chamber's custom domain and its proof; empty when it asked for none. */
	public Mono<Verification> verification(UUID tenantId) {
		return tenants.domainVerification(tenantId);
	}

	/**
	 * Checks the proof of the domain the chamber asked for and, when found, serves the domain from now
	 * on. Returns what prevented it (none: verified).
	 */
	public Mono<List<UserError>> verify(UUID tenantId, String domain) {
		return verification(tenantId)
			.filter(pending -> pending.domain().equals(domain))
			.flatMap(pending -> {
				if (pending.verifiedAt() != null) {
					return Mono.just(List.<UserError>of());
				}
				Optional<String> refused = refusal(domain);
				if (refused.isPresent()) {
					return Mono.just(List.of(error("INVALID_DOMAIN", refused.get())));
				}
				return dns.lookup(pending.recordName())
					.flatMap(values -> !values.contains(pending.token())
							? Mono.just(List.of(error("DOMAIN_NOT_VERIFIED", "No TXT record " + pending.recordName() + " with the value "
									+ pending.token() + " was found; DNS changes can take a while to be seen, try again later.")))
							: tenants.serveRequestedDomain(tenantId, domain)
								.flatMap(served -> registry.reload().thenReturn(served
										? List.<UserError>of() : List.of(error("NO_DOMAIN_REQUESTED", "The domain requested changed meanwhile."))))
								.onErrorResume(DataIntegrityViolationException.class,
										ex -> Mono.just(List.of(error("DOMAIN_TAKEN", "Another chamber uses " + domain + ".")))))
					.onErrorResume(ex -> !(ex instanceof DataIntegrityViolationException), ex -> Mono.just(List.of(error(
							"DOMAIN_NOT_VERIFIED", "The DNS lookup of " + pending.recordName() + " failed; try again later."))));
			})
			.switchIfEmpty(Mono.fromSupplier(() -> List.of(error("NO_DOMAIN_REQUESTED",
					"The chamber asked for no custom domain " + domain + "; ask for it with updateBranding first."))));
	}

	private static UserError error(String code, String message) {
		return UserError.of(code, message, "input", "domain");
	}

}
