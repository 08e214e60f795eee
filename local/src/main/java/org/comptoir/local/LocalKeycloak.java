package org.comptoir.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.comptoir.api.identity.IdentityProperties;
import org.comptoir.api.identity.MailProperties;
import org.comptoir.api.identity.UnsafeConfigurationException;
import org.comptoir.keycloak.ChamberRealm;
import org.comptoir.keycloak.RealmProvisioner;
import org.comptoir.keycloak.RealmTemplate;
import org.comptoir.local.keycloak.DemoUsers;
import org.comptoir.local.keycloak.KeycloakLauncher;
import org.comptoir.tenants.ChamberDefinitions;
import org.keycloak.representations.idm.RealmRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The local Keycloak, a child process (data under the data directory, stopped with the JVM), with the
 * chambers' realms (and their demo users when demo data is on), the provisioning client and the realms'
 * mail server set up by its bootstrap admin; the API then sees it as any configured Keycloak: its URL and
 * the provisioning client's id and secret.
 *
 * @param launcher the running Keycloak
 * @param properties what the API is configured with
 */
record LocalKeycloak(KeycloakLauncher launcher, Map<String, Object> properties) {

	private static final Logger log = LoggerFactory.getLogger(LocalKeycloak.class);

	static LocalKeycloak start(ConfigurableEnvironment environment, Path dataDir) {
		String adminUser = environment.getProperty("comptoir.keycloak.admin-user", "admin");
		String adminPassword = environment.getProperty("comptoir.keycloak.admin-password", "admin");
		if (environment.acceptsProfiles(Profiles.of("production")) && adminUser.equals("admin") && adminPassword.equals("admin")) {
			throw new UnsafeConfigurationException(List.of("the Keycloak admin is the default admin/admin "
					+ "(comptoir.keycloak.admin-user, comptoir.keycloak.admin-password) under the production profile. "
					+ "Production runs the api jar against its own Keycloak (comptoir.keycloak.url) and provisioning client."));
		}
		Binder binder = Binder.get(environment);
		IdentityProperties identity = binder.bindOrCreate("comptoir.keycloak", Bindable.of(IdentityProperties.class));
		MailProperties mail = binder.bindOrCreate("comptoir.mail", Bindable.of(MailProperties.class));
		boolean demoData = environment.getProperty("comptoir.demo-data", Boolean.class, false);
		RealmTemplate template = identity.realmTemplate(mail);

		KeycloakLauncher.Settings settings = new KeycloakLauncher.Settings(dataDir, "127.0.0.1",
				environment.getProperty("comptoir.keycloak.local-port", Integer.class, 8180), null, adminUser, adminPassword);
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
		String secret;
		try (RealmProvisioner admin = launcher.provisioner(template)) {
			secret = admin.ensureProvisioningClient(identity.provisioningClientId(), chambers.stream().map(ChamberRealm::slug).toList());
			if (mail.configured()) {
				for (RealmRepresentation realm : realms) {
					admin.setSmtp(realm.getRealm(), mail.smtp());
				}
			}
		}
		log.info("Keycloak: {} (admin console {}/admin, data in {}){}", launcher.serverUrl(), launcher.serverUrl(),
				settings.keycloakDir(), demoData ? "; demo users' password is 'demo'" : "");
		return new LocalKeycloak(launcher, Map.of("comptoir.keycloak.url", launcher.serverUrl(),
				"comptoir.keycloak.provisioning-client-secret", secret));
	}

}
