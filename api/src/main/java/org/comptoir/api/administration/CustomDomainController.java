package org.comptoir.api.administration;

import java.util.List;
import java.util.Locale;

import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.tenant.CustomDomains;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** The proof of a chamber's custom domain: what to publish, and its check. Chamber admins only. */
@Controller
record CustomDomainController(CustomDomains domains, TenantRegistry registry) {

	record VerifyCustomDomainInput(String domain) {
	}

	record VerifyCustomDomainPayload(Tenant tenant, List<UserError> userErrors) {
	}

	@MutationMapping
	Mono<VerifyCustomDomainPayload> verifyCustomDomain(@Argument VerifyCustomDomainInput input, Visit visit) {
		CurrentTenant current = visit.chamber();
		// anonymous callers too are FORBIDDEN here, not UNAUTHENTICATED: as before the visit
		if (!visit.isChamberAdmin()) {
			throw ApiException.forbidden("Only the chamber's admins prove its custom domain.");
		}
		String domain = input.domain() == null ? "" : input.domain().strip().toLowerCase(Locale.ROOT);
		return domains.verify(current.id(), domain).flatMap(errors -> errors.isEmpty()
				? registry.byId(current.id()).map(tenant -> new VerifyCustomDomainPayload(tenant, List.of()))
				: Mono.just(new VerifyCustomDomainPayload(null, errors)));
	}

	/** The token is the chamber's business: null for anyone but its admins. */
	@SchemaMapping(typeName = "Tenant")
	Mono<CustomDomains.Verification> customDomainVerification(Tenant tenant, Visit visit) {
		return visit.isAdminOf(tenant.slug()) ? domains.verification(tenant.tenantId()) : Mono.empty();
	}

}
