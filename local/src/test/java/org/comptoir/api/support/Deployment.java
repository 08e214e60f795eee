package org.comptoir.api.support;

import java.util.ArrayList;
import java.util.List;

import org.comptoir.api.identity.IdentityProperties;
import org.comptoir.api.identity.ProvisioningClient;

/**
 * The settings of a deployment (for {@link AppInstance}): the run's Keycloak as an external one, reached as
 * the provisioning client the local launcher set up; development and demo data therefore off by default.
 */
public final class Deployment {

	private Deployment() {
	}

	/** {@code comptoir.keycloak.url} and the provisioning client's id and secret, then these properties. */
	public static String[] againstTheRunsKeycloak(IdentityProperties identity, ProvisioningClient client, String... more) {
		List<String> properties = new ArrayList<>(List.of("comptoir.keycloak.url=" + identity.baseUrl(),
				"comptoir.keycloak.provisioning-client-id=" + client.clientId(),
				"comptoir.keycloak.provisioning-client-secret=" + client.secret()));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

}
