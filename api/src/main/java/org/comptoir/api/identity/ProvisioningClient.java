package org.comptoir.api.identity;

/**
 * The confidential client of realm {@code master} the API provisions realms and invites users with.
 *
 * @param clientId its client id
 * @param secret its secret
 */
public record ProvisioningClient(String clientId, String secret) {

	@Override
	public String toString() {
		return "ProvisioningClient[" + clientId + "]";
	}

}
