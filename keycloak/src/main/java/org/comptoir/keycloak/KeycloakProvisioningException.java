package org.comptoir.keycloak;

/**
 * A realm or user could not be created, read or deleted in Keycloak. The message says what was
 * attempted and what Keycloak answered.
 */
public class KeycloakProvisioningException extends RuntimeException {

	private final int status;

	public KeycloakProvisioningException(String message, int status, Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	public KeycloakProvisioningException(String message, Throwable cause) {
		this(message, 0, cause);
	}

	/** The HTTP status Keycloak answered, or 0 when it did not answer (unreachable, timeout). */
	public int status() {
		return this.status;
	}

}
