package org.comptoir.api.hs;

import java.util.List;
import java.util.Optional;

import org.comptoir.api.graphql.CompiledFields;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.tenants.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class HsController implements CompiledFields {

	private final HsNomenclature nomenclature;

	private final TenantRegistry registry;

	/**
	 * Registers the batch loader of HS codes by value ({@code DataLoader<String, HsCode>}): the fields
	 * of other features showing a code's titles read the codes not in memory yet together.
	 */
	HsController(HsNomenclature nomenclature, TenantRegistry registry, BatchLoaderRegistry loaders) {
		this.nomenclature = nomenclature;
		this.registry = registry;
		loaders.forTypePair(String.class, HsCode.class).registerMappedBatchLoader((codes, environment) -> nomenclature.byCodes(codes));
	}

	@QueryMapping
	Mono<List<HsCode>> hsCodes(@Argument String query, @Argument Integer first) {
		return nomenclature.search(query, Math.max(1, Math.min(first == null ? 10 : first, 50)));
	}

	@QueryMapping
	Mono<List<HsSection>> hsSections() {
		return nomenclature.sections();
	}

	/** In the asked locale, else the chamber's default language (French or English), English without a chamber. */
	@SchemaMapping(typeName = "HsSection")
	String title(HsSection section, @Argument @Nullable String locale, @Nullable CurrentTenant chamber) {
		return section.title(locale != null ? locale : Optional.ofNullable(chamber)
			.flatMap(tenant -> registry.find(tenant.id()))
			.map(tenant -> tenant.defaultLocale())
			.orElse("en"));
	}

	/**
	 * In the chamber's default language (French or English), English without a chamber. The request's
	 * chamber was resolved from the registry: it is in memory, no reload needed.
	 */
	@SchemaMapping(typeName = "HsCode")
	String description(HsCode code, @Nullable CurrentTenant chamber) {
		return Optional.ofNullable(chamber)
			.flatMap(tenant -> registry.find(tenant.id()))
			.map(tenant -> code.description(tenant.defaultLocale()))
			.orElse(code.titleEn());
	}

	/** An HS code's title, for pages written in one pass ({@link CompiledFields}). */
	@Override
	public void declare(Declarations declarations) {
		declarations.field("HsCode", "description", HsCode.class,
				(code, arguments, context) -> description(code, Visit.of(context).findChamber().orElse(null)));
	}

}
