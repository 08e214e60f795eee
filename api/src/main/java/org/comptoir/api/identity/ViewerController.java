package org.comptoir.api.identity;

import org.comptoir.api.graphql.CompiledFields;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
record ViewerController(TenantRegistry registry) implements CompiledFields {

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

	/** Who is signed in, for pages written in one pass ({@link CompiledFields}). */
	@Override
	public void declare(Declarations declarations) {
		declarations.root("viewer", (arguments, selected, context) -> Mono.justOrEmpty(viewer(Visit.of(context))));
		declarations.loaded("Viewer", "tenant", Viewer.class, (viewer, arguments, context) -> tenant(viewer));
	}

}
