package org.comptoir.api.hs;

import java.util.List;

import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.tenants.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
record HsController(HsNomenclature nomenclature, TenantRegistry registry) {

	@QueryMapping
	Mono<List<HsCode>> hsCodes(@Argument String query, @Argument Integer first) {
		return nomenclature.search(query, Math.max(1, Math.min(first == null ? 10 : first, 50)));
	}

	/** In the chamber's default language (French or English), English without a chamber. */
	@SchemaMapping(typeName = "HsCode")
	Mono<String> description(HsCode code, @Nullable CurrentTenant chamber) {
		return Mono.justOrEmpty(chamber)
			.flatMap(tenant -> registry.byId(tenant.id()))
			.map(tenant -> code.description(tenant.defaultLocale()))
			.defaultIfEmpty(code.titleEn());
	}

}
