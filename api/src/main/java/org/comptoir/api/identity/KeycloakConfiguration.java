package org.comptoir.api.identity;

import java.util.List;

import org.comptoir.api.ComptoirProperties;
import org.comptoir.keycloak.ChamberRealm;
import org.comptoir.keycloak.DemoUsers;
import org.comptoir.keycloak.KeycloakLauncher;
import org.comptoir.keycloak.RealmProvisioner;
import org.comptoir.keycloak.RealmTemplate;
import org.comptoir.tenants.ChamberDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The identity provider: the local Keycloak, started as a child process when no
 * {@code COMPTOIR_KEYCLOAK_URL} is set (data under the data directory, demo realms and users imported,
 * stopped with the API), or an existing Keycloak. Provisioning goes through the admin client.
 */
@Configuration(proxyBeanMethods = false)
class KeycloakConfiguration {

	private static final Logger log = LoggerFactory.getLogger(KeycloakConfiguration.class);

	@Bean
	RealmTemplate realmTemplate(IdentityProperties properties) {
		return properties.development() ? RealmTemplate.development()
				: new RealmTemplate(RealmTemplate.Options.production(properties.redirectUris()));
	}

	/** Not closed with the context: tests share it between contexts; the launcher's JVM shutdown hook stops it. */
	@Bean(destroyMethod = "")
	@ConditionalOnExpression("'${comptoir.keycloak.url:}'.isBlank()")
	KeycloakLauncher localKeycloak(ComptoirProperties comptoir, IdentityProperties properties, RealmTemplate template) {
		KeycloakLauncher.Settings settings = new KeycloakLauncher.Settings(comptoir.dataDir(), "127.0.0.1",
				properties.localPort(), null, properties.adminUser(), properties.adminPassword());
		List<ChamberRealm> chambers = ChamberDefinitions.load().stream()
			.map(d -> new ChamberRealm(d.chamber().slug(), d.chamber().branding().displayName(), d.chamber().defaultLocale(),
					d.chamber().locales()))
			.toList();
		KeycloakLauncher launcher = KeycloakLauncher.shared(settings, DemoUsers.realms(template, chambers));
		log.info("Keycloak: {} (admin console {}/admin, data in {}); demo users' password is 'demo'",
				launcher.serverUrl(), launcher.serverUrl(), settings.keycloakDir());
		return launcher;
	}

	/** Depends on the local Keycloak, when there is one, so that it is up before the first provisioning. */
	@Bean(destroyMethod = "close")
	RealmProvisioner realmProvisioner(IdentityProperties properties, RealmTemplate template,
			ObjectProvider<KeycloakLauncher> local) {
		local.getIfAvailable();
		return RealmProvisioner.connect(properties.baseUrl(), properties.adminUser(), properties.adminPassword(), template);
	}

}
