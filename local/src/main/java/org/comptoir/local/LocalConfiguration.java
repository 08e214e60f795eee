package org.comptoir.local;

import org.comptoir.local.demo.DemoListings;
import org.comptoir.local.demo.DemoMedia;
import org.comptoir.local.demo.DemoMembers;
import org.comptoir.local.generator.GenerateRunner;
import org.comptoir.local.keycloak.KeycloakLauncher;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * What the local run adds to the API's context: the demo companies and listings (when demo data is on),
 * the generator and HS import commands (when asked), the newcomer's banner, the servers
 * {@link LocalServices} started, as beans for the tests that stop or query them, and the local mail's and texts' views.
 */
@AutoConfiguration
@Import({ DemoMembers.class, DemoListings.class, DemoMedia.class, GenerateRunner.class, HsImportRunner.class, StartupBanner.class })
public class LocalConfiguration {

	/** The portal beside the local run's API (off in the tests: PortalBrowserIntegrationTests starts its own). */
	@Bean
	@ConditionalOnBooleanProperty(name = "comptoir.local.portal.enabled", matchIfMissing = true)
	@ConditionalOnBooleanProperty(LocalServices.KEYCLOAK_HERE)
	LocalPortalStarter localPortalStarter(Environment environment) {
		return new LocalPortalStarter(environment);
	}

	/** Not closed with the context: the contexts of a test run share it; its JVM shutdown hook stops it. */
	@Bean(destroyMethod = "")
	@ConditionalOnBooleanProperty(LocalServices.POSTGRES_HERE)
	LocalPostgres localPostgres() {
		return LocalServices.postgres();
	}

	@Bean(destroyMethod = "")
	@ConditionalOnBooleanProperty(LocalServices.KEYCLOAK_HERE)
	KeycloakLauncher keycloakLauncher() {
		return LocalServices.keycloak();
	}

	/** Shared like the PostgreSQL: its JVM shutdown hook stops it. */
	@Bean(destroyMethod = "")
	@ConditionalOnBooleanProperty(LocalServices.MAIL_HERE)
	LocalMail localMail() {
		return LocalServices.mail();
	}

	@Bean
	@ConditionalOnBooleanProperty(LocalServices.MAIL_HERE)
	RouterFunction<ServerResponse> localMailRoutes(LocalMail localMail) {
		return LocalMailEndpoint.routes(localMail);
	}

	/** Shared like the mail server: its JVM shutdown hook stops it. */
	@Bean(destroyMethod = "")
	@ConditionalOnBooleanProperty(LocalServices.TEXTS_HERE)
	LocalTexts localTexts() {
		return LocalServices.texts();
	}

	@Bean
	@ConditionalOnBooleanProperty(LocalServices.TEXTS_HERE)
	RouterFunction<ServerResponse> localTextsRoutes(LocalTexts localTexts) {
		return LocalTextsEndpoint.routes(localTexts);
	}

}
