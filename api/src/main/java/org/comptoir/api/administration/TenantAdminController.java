package org.comptoir.api.administration;

import org.comptoir.api.administration.TenantAdminInputs.CreateTenantInput;
import org.comptoir.api.administration.TenantAdminInputs.TenantPayload;
import org.comptoir.api.administration.TenantAdminInputs.UpdateBrandingInput;
import org.comptoir.api.identity.Visit;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Chamber admins brand their portal; platform admins open chambers. */
@Controller
record TenantAdminController(TenantAdminService administration) {

	@MutationMapping
	Mono<TenantPayload> updateBranding(@Argument UpdateBrandingInput input, Visit visit) {
		visit.chamberAdmin("brand its portal");
		return administration.updateBranding(visit.chamber(), input);
	}

	@MutationMapping
	Mono<TenantPayload> createTenant(@Argument CreateTenantInput input, Visit visit) {
		return administration.createTenant(visit.platformAdmin("open chambers"), input);
	}

}
