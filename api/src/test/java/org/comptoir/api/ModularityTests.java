package org.comptoir.api;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages, as found in the code (every direct sub-package of {@code org.comptoir.api} is one,
 * nothing listed by hand): no cycle between them, and none reaches into another's sub-packages, which are
 * its insides.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(ComptoirApplication.class);

	@Test
	void featuresDependOnEachOtherOnlyThroughTheirPublicFaceAndWithoutCycles() {
		MODULES.verify();
	}

	@Test
	void everyFeaturePackageIsAModule() {
		assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
			.contains("tenant", "identity", "member", "listing", "matchmaking", "protection", "federation", "graphql", "database");
	}

}
