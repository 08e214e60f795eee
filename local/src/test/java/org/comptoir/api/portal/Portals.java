package org.comptoir.api.portal;

import java.nio.file.Path;
import java.time.Duration;

import org.comptoir.local.LocalPortal;
import org.springframework.core.env.Environment;

/** One portal per test JVM, started against the shared API of the run (the tests' one application context). */
final class Portals {

	private static LocalPortal portal;

	private Portals() {
	}

	static synchronized LocalPortal against(int apiPort, Environment environment) {
		if (portal == null) {
			portal = LocalPortal.start(Path.of(environment.getProperty("comptoir.data-dir", "target/test-data")).toAbsolutePath(), 0,
					"http://localhost:" + apiPort + "/graphql", environment.getProperty("comptoir.keycloak.url"),
					environment.getProperty("comptoir.rate-limit.trusted-forwarders[0].secret", ""), Duration.ofSeconds(90));
		}
		return portal;
	}

}
