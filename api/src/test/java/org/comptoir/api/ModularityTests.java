package org.comptoir.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The feature packages depend on each other in one direction only, and only through what they make public. */
class ModularityTests {

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.comptoir.api");

	@Test
	void featuresFormNoCycle() {
		slices().matching("org.comptoir.api.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void sharedInfrastructureDependsOnNoFeature() {
		noClasses().that().resideInAnyPackage("org.comptoir.api.graphql..", "org.comptoir.api.database..")
			.should().dependOnClassesThat()
			.resideInAnyPackage("org.comptoir.api.tenant..", "org.comptoir.api.identity..", "org.comptoir.api.member..",
					"org.comptoir.api.listing..", "org.comptoir.api.hs..", "org.comptoir.api.administration..",
					"org.comptoir.api.dashboard..")
			.check(classes);
	}

	@Test
	void tenancyKnowsNothingOfTheFeaturesBuiltOnIt() {
		noClasses().that().resideInAPackage("org.comptoir.api.tenant..")
			.should().dependOnClassesThat()
			.resideInAnyPackage("org.comptoir.api.identity..", "org.comptoir.api.member..", "org.comptoir.api.listing..",
					"org.comptoir.api.administration..")
			.check(classes);
	}

}
