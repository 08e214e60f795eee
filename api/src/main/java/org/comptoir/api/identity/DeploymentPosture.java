package org.comptoir.api.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Production is the default posture, development is opt-in. The local run is the one where the API
 * launches Keycloak and the embedded PostgreSQL itself (no {@code comptoir.keycloak.url}, no
 * {@code spring.r2dbc.url}): there {@code comptoir.keycloak.development} and {@code comptoir.demo-data}
 * default to true; anywhere else to false, unless set. Then refuses to start, before any bean, on a
 * configuration that would expose a deployment: see {@link #refusals}.
 */
public class DeploymentPosture implements EnvironmentPostProcessor, Ordered {

	static final String DEVELOPMENT = "comptoir.keycloak.development";

	static final String DEMO_DATA = "comptoir.demo-data";

	/** After the configuration files are read (ConfigDataEnvironmentPostProcessor) and every other default. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean localRun = isLocalRun(environment);
		Map<String, Object> defaults = new java.util.HashMap<>();
		if (!environment.containsProperty(DEVELOPMENT)) {
			defaults.put(DEVELOPMENT, Boolean.toString(localRun));
		}
		if (!environment.containsProperty(DEMO_DATA)) {
			defaults.put(DEMO_DATA, Boolean.toString(localRun));
		}
		environment.getPropertySources().addLast(new MapPropertySource("comptoirDeploymentPosture", defaults));
		List<String> refusals = refusals(environment);
		if (!refusals.isEmpty()) {
			throw new UnsafeConfigurationException(refusals);
		}
	}

	static boolean isLocalRun(ConfigurableEnvironment environment) {
		String keycloak = environment.getProperty("comptoir.keycloak.url", "");
		String r2dbc = environment.getProperty("spring.r2dbc.url", "embedded");
		return keycloak.isBlank() && (r2dbc.isBlank() || r2dbc.equals("embedded"));
	}

	/**
	 * What makes a deployment unsafe: development under the production profile; the bootstrap admin
	 * {@code admin}/{@code admin} under the production profile or with an external Keycloak; an external
	 * Keycloak without the provisioning client's secret; no mail server outside development (invitations
	 * go by email).
	 */
	static List<String> refusals(ConfigurableEnvironment environment) {
		boolean production = environment.acceptsProfiles(Profiles.of("production"));
		boolean external = !environment.getProperty("comptoir.keycloak.url", "").isBlank();
		boolean development = environment.getProperty(DEVELOPMENT, Boolean.class, false);
		List<String> refusals = new ArrayList<>();
		if (production && development) {
			refusals.add(DEVELOPMENT + "=true under the production profile: it opens the password grant, any CORS origin "
					+ "and localhost redirect URIs on every new realm, and returns passwords from invitations. "
					+ "Leave it unset (false) in production.");
		}
		// with an external Keycloak the admin is never used, so only a value someone set counts
		String user = environment.getProperty("comptoir.keycloak.admin-user", external ? "" : "admin");
		String password = environment.getProperty("comptoir.keycloak.admin-password", external ? "" : "admin");
		if ((production || external) && user.equals("admin") && password.equals("admin")) {
			refusals.add("the Keycloak admin is the default admin/admin (comptoir.keycloak.admin-user, "
					+ "comptoir.keycloak.admin-password). Give Keycloak's bootstrap admin a strong password, and with an "
					+ "external Keycloak do not configure it here at all: the API provisions through its own client.");
		}
		if (external && environment.getProperty("comptoir.keycloak.provisioning-client-secret", "").isBlank()) {
			refusals.add("comptoir.keycloak.provisioning-client-secret is not set. With an external Keycloak the API "
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
