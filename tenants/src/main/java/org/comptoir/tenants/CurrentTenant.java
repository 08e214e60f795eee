package org.comptoir.tenants;

import java.util.UUID;

/** The chamber a request is for, as carried in the Reactor context and the GraphQL context. */
public record CurrentTenant(UUID id, String slug) {

	/** Deterministic id of a chamber loaded from a definition file, so demo ids are stable across databases. */
	public static UUID idOfDefinedChamber(String slug) {
		return UUID.nameUUIDFromBytes(("comptoir-tenant:" + slug).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
