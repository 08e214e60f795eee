package org.comptoir.api.identity;

import java.util.ArrayList;
import java.util.List;

import org.comptoir.api.ComptoirProperties;
import org.comptoir.keycloak.ChamberRealm;
import org.comptoir.keycloak.DemoUsers;
import org.comptoir.keycloak.KeycloakLauncher;
import org.comptoir.keycloak.RealmProvisioner;
import org.comptoir.keycloak.RealmTemplate;
import org.comptoir.tenants.ChamberDefinitions;
import org.keycloak.representations.idm.RealmRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The identity provider: the local Keycloak, started as a child process when no
 * {@code COMPTOIR_KEYCLOAK_URL} is set (data under the data directory, the chambers' realms imported, with
 * their demo users when demo data is on, stopped with the API), or an existing Keycloak. Provisioning goes
 * through the admin client, as the provisioning client's service account, never as the master admin.
 */
@Configuration(proxyBeanMethods = false)
class KeycloakConfiguration {

	private static final Logger log = LoggerFactory.getLogger(KeycloakConfiguration.class);

	@Bean
	RealmTemplate realmTemplate(IdentityProperties properties, MailProperties mail) {
		RealmTemplate.Options options = properties.development() ? RealmTemplate.Options.localDevelopment()
				: RealmTemplate.Options.production(properties.redirectUris());
		return new RealmTemplate(options.withSmtp(mail.smtp()));
	}

	/**
	 * Not closed with the context: tests share it between contexts; the launcher's JVM shutdown hook stops it.
	 * On every start, as the bootstrap admin: the realms it lacks, the provisioning client, the mail server of
	 * the chambers' realms.
	 */
	@Bean(destroyMethod = "")
	@ConditionalOnExpression("'${comptoir.keycloak.url:}'.isBlank()")
	LocalKeycloak localKeycloak(ComptoirProperties comptoir, IdentityProperties properties, MailProperties mail,
			RealmTemplate template, @Value("${comptoir.demo-data:false}") boolean demoData) {
		KeycloakLauncher.Settings settings = new KeycloakLauncher.Settings(comptoir.dataDir(), "127.0.0.1",
				properties.localPort(), null, properties.adminUser(), properties.adminPassword());
		List<ChamberRealm> chambers = ChamberDefinitions.load().stream()
			.map(d -> new ChamberRealm(d.chamber().slug(), d.chamber().branding().displayName(), d.chamber().defaultLocale(),
					d.chamber().locales()))
			.toList();
		List<RealmRepresentation> realms = new ArrayList<>();
		if (demoData) {
			realms.addAll(DemoUsers.realms(template, chambers));
		}
		else {
			chambers.forEach(chamber -> realms.add(template.chamberRealm(chamber)));
			realms.add(template.platformRealm());
		}
		KeycloakLauncher launcher = KeycloakLauncher.shared(settings, realms);
		List<String> slugs = chambers.stream().map(ChamberRealm::slug).toList();
		String secret;
		try (RealmProvisioner admin = launcher.provisioner(template)) {
			secret = admin.ensureProvisioningClient(properties.provisioningClientId(), slugs);
			if (mail.configured()) {
				for (RealmRepresentation realm : realms) {
					admin.setSmtp(realm.getRealm(), mail.smtp());
				}
			}
		}
		log.info("Keycloak: {} (admin console {}/admin, data in {}){}", launcher.serverUrl(), launcher.serverUrl(),
				settings.keycloakDir(), demoData ? "; demo users' password is 'demo'" : "");
		return new LocalKeycloak(launcher, new ProvisioningClient(properties.provisioningClientId(), secret));
	}

	/** The client the API provisions with: set up by the local launcher, or configured for an external Keycloak. */
	@Bean
	ProvisioningClient provisioningClient(IdentityProperties properties, ObjectProvider<LocalKeycloak> local) {
		LocalKeycloak keycloak = local.getIfAvailable();
		return keycloak != null ? keycloak.client()
				: new ProvisioningClient(properties.provisioningClientId(), properties.provisioningClientSecret());
	}

	/** The launcher, for what needs the local Keycloak process itself (tests stop it). */
	@Bean(destroyMethod = "")
	@ConditionalOnExpression("'${comptoir.keycloak.url:}'.isBlank()")
	KeycloakLauncher keycloakLauncher(LocalKeycloak local) {
		return local.launcher();
	}

	@Bean(destroyMethod = "close")
	RealmProvisioner realmProvisioner(IdentityProperties properties, RealmTemplate template, ProvisioningClient client) {
		return RealmProvisioner.connectAsClient(properties.baseUrl(), client.clientId(), client.secret(), template);
	}

	/** The local Keycloak and the provisioning client the launcher set up in it. */
	record LocalKeycloak(KeycloakLauncher launcher, ProvisioningClient client) {
	}

}
