package org.comptoir.api;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings a deployment may change. Every local state (embedded PostgreSQL, local Keycloak)
 * lives under {@code dataDir}, set by {@code COMPTOIR_DATA_DIR}.
 */
@ConfigurationProperties("comptoir")
public record ComptoirProperties(Path dataDir, @DefaultValue("localhost") String baseDomain,
		@DefaultValue Database database) {

	public ComptoirProperties {
		dataDir = dataDir.toAbsolutePath().normalize();
	}

	/**
	 * @param appRole the role the API connects as: owns nothing, cannot bypass row-level security
	 * @param appPassword its password, for the embedded server and test containers
	 * @param embeddedPort the embedded server's port, 0 for any free port
	 * @param cleanEmbedded start the embedded server from an empty data directory (tests)
	 */
	public record Database(@DefaultValue("comptoir_app") String appRole, @DefaultValue("comptoir_app") String appPassword,
			@DefaultValue("0") int embeddedPort, @DefaultValue("false") boolean cleanEmbedded) {
	}

}
