package org.comptoir.api.identity;

import org.comptoir.keycloak.RealmProvisioner;
import org.springframework.stereotype.Component;

/**
 * How new accounts (a chamber's first admin, a company's colleagues) get in: Keycloak's required-actions
 * email when a mail server is set (always outside development); in development also a temporary password,
 * returned once, which only opens the form to choose one. Never a permanent password.
 */
@Component
public class Invitations {

	private final RealmProvisioner.Invitation invitation;

	Invitations(IdentityProperties identity, MailProperties mail) {
		this.invitation = identity.development() ? new RealmProvisioner.Invitation(mail.configured(), true)
				: new RealmProvisioner.Invitation(true, false);
	}

	public RealmProvisioner.Invitation invitation() {
		return this.invitation;
	}

}
