package org.comptoir.api.tenant;

import java.util.List;

import graphql.GraphQLContext;
import org.comptoir.api.graphql.CompiledFields;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.graphql.NodeLoader;
import org.comptoir.tenants.CurrentTenant;
import org.comptoir.tenants.TenantContext;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
record TenantController(TenantRegistry registry) implements NodeLoader, CompiledFields {

	@QueryMapping
	Mono<Tenant> tenant(CurrentTenant chamber) {
		return registry.byId(chamber.id());
	}

	@QueryMapping
	List<Tenant> tenants() {
		return registry.all();
	}

	@Override
	public String type() {
		return Tenant.TYPE;
	}

	/** A chamber's public information is visible from every chamber, as in {@code tenants}. */
	@Override
	public Mono<Tenant> load(GlobalId id, GraphQLContext context) {
		return registry.byId(id.tenantId());
	}

	/**
	 * The request's chamber, for pages written in one pass ({@link CompiledFields}), as the tenancy library
	 * carries it; none named: the general way, which answers {@code TENANT_NOT_FOUND}.
	 */
	@Override
	public void declare(Declarations declarations) {
		declarations.root("tenant", (arguments, selected, context) -> Mono.deferContextual(reactor -> TenantContext.get(reactor)
			.map(this::tenant)
			.orElseGet(() -> Mono.error(new NotHere("no chamber named")))));
	}

}
