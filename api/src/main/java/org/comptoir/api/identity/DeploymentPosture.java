package org.comptoir.api.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Production is the default posture, development is opt-in: {@code comptoir.keycloak.development} and
 * {@code comptoir.demo-data} default to false (the local run, module {@code local}, turns them on). Then
 * refuses to start, before any bean, on a configuration that would expose a deployment: see {@link #refusals}.
 */
public class DeploymentPosture implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	static final String DEVELOPMENT = "comptoir.keycloak.development";

	static final String DEMO_DATA = "comptoir.demo-data";

	/**
	 * Once the environment is complete (configuration files, every post-processor, the local run's services),
	 * before any bean.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("comptoirDeploymentPosture", Map.of(DEVELOPMENT, "false", DEMO_DATA, "false")));
		List<String> refusals = refusals(environment);
		if (!refusals.isEmpty()) {
			throw new UnsafeConfigurationException(refusals);
		}
	}

	/**
	 * What makes a deployment unsafe: no Keycloak; development under the production profile; the bootstrap
	 * admin {@code admin}/{@code admin} configured; no provisioning client's secret; no mail server outside
	 * development (invitations go by email).
	 */
	static List<String> refusals(ConfigurableEnvironment environment) {
		boolean production = environment.acceptsProfiles(Profiles.of("production"));
		boolean development = environment.getProperty(DEVELOPMENT, Boolean.class, false);
		List<String> refusals = new ArrayList<>();
		if (environment.getProperty("spring.r2dbc.url", "").isBlank()) {
			refusals.add("spring.r2dbc.url is not set. The API runs on a configured PostgreSQL (SPRING_R2DBC_URL, "
					+ "SPRING_FLYWAY_URL and their users, README).");
		}
		if (environment.getProperty("comptoir.keycloak.url", "").isBlank()) {
			refusals.add("comptoir.keycloak.url is not set. The API runs against a configured Keycloak (COMPTOIR_KEYCLOAK_URL).");
		}
		if (production && development) {
			refusals.add(DEVELOPMENT + "=true under the production profile: it opens the password grant, any CORS origin "
					+ "and localhost redirect URIs on every new realm, and returns passwords from invitations. "
					+ "Leave it unset (false) in production.");
		}
		// the API never signs in as Keycloak's admin, so only a value someone set counts
		String user = environment.getProperty("comptoir.keycloak.admin-user", "");
		String password = environment.getProperty("comptoir.keycloak.admin-password", "");
		if (user.equals("admin") && password.equals("admin")) {
			refusals.add("the Keycloak admin is the default admin/admin (comptoir.keycloak.admin-user, "
					+ "comptoir.keycloak.admin-password). Give Keycloak's bootstrap admin a strong password, and with an "
					+ "external Keycloak do not configure it here at all: the API provisions through its own client.");
		}
		if (environment.getProperty("comptoir.keycloak.provisioning-client-secret", "").isBlank()) {
			refusals.add("comptoir.keycloak.provisioning-client-secret is not set. The API "
					+ "provisions realms as a confidential client of realm master (comptoir.keycloak.provisioning-client-id, "
					+ "default comptoir-provisioner): client authentication on, service accounts on, no other flow, "
					+ "and its service account given realm role create-realm only (plus manage-users and view-realm of "
					+ "<slug>-realm for the chambers' realms it did not create).");
		}
		if (!development && environment.getProperty("comptoir.mail.host", "").isBlank()) {
			refusals.add("comptoir.mail.host is not set. Outside development invitations and new chambers' admins get "
					+ "Keycloak's email to choose their password (comptoir.mail.host, port, from, starttls, user, password).");
		}
		return refusals;
	}

}
