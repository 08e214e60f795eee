package org.comptoir.api.identity;

import java.util.List;

import org.comptoir.tenants.CurrentTenant;

/** The signed-in user as seen from the current chamber. */
public record Viewer(User user, CurrentTenant currentTenant) {

	public record User(String id, String email, String displayName, List<String> roles) {
	}

}
