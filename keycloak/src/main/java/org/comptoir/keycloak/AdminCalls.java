package org.comptoir.keycloak;

import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * A call of Keycloak's admin API, any failure of which comes out as a {@link KeycloakProvisioningException}
 * saying what was attempted and what Keycloak answered (its status and body) or that it did not answer.
 */
final class AdminCalls {

	private AdminCalls() {
	}

	static <T> T call(String what, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (RuntimeException ex) {
			throw failure(what, ex);
		}
	}

	static KeycloakProvisioningException failure(String what, RuntimeException ex) {
		if (ex instanceof KeycloakProvisioningException known) {
			return known;
		}
		if (ex instanceof WebApplicationException web && web.getResponse() != null) {
			int status = web.getResponse().getStatus();
			return new KeycloakProvisioningException(what + ": Keycloak answered " + status + body(web.getResponse()),
					status, ex);
		}
		if (ex instanceof ProcessingException) {
			return new KeycloakProvisioningException(what + ": Keycloak is unreachable (" + ex.getMessage() + ")", ex);
		}
		return new KeycloakProvisioningException(what + ": " + ex, ex);
	}

	static String body(Response response) {
		try {
			String body = response.readEntity(String.class);
			return (body == null || body.isBlank()) ? "" : " " + body.strip();
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

}
