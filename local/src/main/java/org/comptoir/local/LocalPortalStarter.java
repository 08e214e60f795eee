package org.comptoir.local;

import java.time.Duration;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Starts {@link LocalPortal} once the API listens: on {@code comptoir.local.portal.port} (8081), against this
 * API, its Keycloak and its forwarder secret.
 */
class LocalPortalStarter implements ApplicationListener<WebServerInitializedEvent> {

	private final Environment environment;

	LocalPortalStarter(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) {
			return; // a management server, not the API's
		}
		LocalPortal.start(LocalServices.dataDir((ConfigurableEnvironment) environment),
				environment.getProperty("comptoir.local.portal.port", Integer.class, 8081),
				"http://localhost:" + event.getWebServer().getPort() + "/graphql", environment.getProperty("comptoir.keycloak.url"),
				environment.getProperty(LocalServices.FORWARDER + ".secret", ""), Duration.ofSeconds(60));
	}

}
