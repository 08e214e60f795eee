package org.comptoir.api.identity;

import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
record ViewerController(TenantRegistry registry) {

	/** Null when anonymous; the chamber is the request's (which the token's realm matches). */
	@QueryMapping
	@Nullable Viewer viewer(Visit visit) {
		return visit.caller()
			.map(caller -> new Viewer(new Viewer.User(caller.userId().toString(), caller.email(), caller.displayName(),
					caller.roles()), visit.chamber()))
			.orElse(null);
	}

	@SchemaMapping(typeName = "Viewer")
	Mono<Tenant> tenant(Viewer viewer) {
		return registry.byId(viewer.currentTenant().id());
	}

}
