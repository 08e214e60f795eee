package org.comptoir.keycloak;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioning client of realm {@code master} and its grants, set up by the master realm's admin
 * ({@link RealmProvisioner#ensureProvisioningClient}): the one piece of this module only a local run needs.
 */
final class ProvisioningClientSetup {

	// logs as the provisioner: one category for what is done in Keycloak
	private static final Logger log = LoggerFactory.getLogger(RealmProvisioner.class);

	private ProvisioningClientSetup() {
	}

	/** Creates the client if missing, leaves its service account {@code create-realm} only, and grants it the realms' users; returns its secret. */
	static String ensure(RealmResource master, String clientId, List<String> managedRealms) {
		List<ClientRepresentation> found = master.clients().findByClientId(clientId);
		String id;
		if (found.isEmpty()) {
			try (Response response = master.clients().create(RealmTemplate.provisioningClient(clientId))) {
				id = CreatedResponseUtil.getCreatedId(response);
			}
			log.info("Created the provisioning client '{}' in realm master", clientId);
		}
		else {
			id = found.get(0).getId();
		}
		UserRepresentation account = master.clients().get(id).getServiceAccountUser();
		var roles = master.users().get(account.getId()).roles();
		List<RoleRepresentation> extra = roles.realmLevel().listAll().stream()
			.filter(role -> !role.getName().equals("create-realm") && !role.getName().equals("default-roles-master"))
			.toList();
		if (!extra.isEmpty()) {
			roles.realmLevel().remove(extra);
		}
		roles.realmLevel().add(List.of(master.roles().get("create-realm").toRepresentation()));
		for (String realm : managedRealms) {
			List<ClientRepresentation> realmClient = master.clients().findByClientId(realm + "-realm");
			if (realmClient.isEmpty()) {
				continue;
			}
			String realmClientId = realmClient.get(0).getId();
			List<RoleRepresentation> manage = new ArrayList<>();
			for (String role : List.of("manage-users", "view-realm")) {
				manage.add(master.clients().get(realmClientId).roles().get(role).toRepresentation());
			}
			roles.clientLevel(realmClientId).add(manage);
		}
		return master.clients().get(id).getSecret().getValue();
	}

}
