package org.comptoir.api.tenant;

import java.util.List;

import org.comptoir.tenants.ChamberDefinitions;
import org.comptoir.tenants.CurrentTenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Loads the chamber definition files at start. A new file inserts its chamber; a changed file updates
 * it, unless an admin has edited the chamber through the API since (then the database wins, and the
 * log says the file was kept aside). A restart with unchanged files changes nothing.
 */
@Component
@DependsOnDatabaseInitialization
record ChamberSeeder(TenantRepository repository, TenantRegistry registry) implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(ChamberSeeder.class);

	@Override
	public void afterPropertiesSet() {
		List<String> outcomes = Flux.fromIterable(ChamberDefinitions.load())
			.concatMap(definition -> {
				String slug = definition.chamber().slug();
				return repository
					.upsertDefinition(CurrentTenant.idOfDefinedChamber(slug), definition.chamber(), definition.sha256())
					.map(outcome -> slug + " (" + outcome.toLowerCase() + ")");
			})
			.collectList()
			.block();
		registry.reload().block();
		log.info("Chambers from definition files: {}; {} chambers in the network", String.join(", ", outcomes),
				registry.all().size());
	}

}
