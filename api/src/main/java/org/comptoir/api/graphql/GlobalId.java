package org.comptoir.api.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A Relay global ID: opaque to clients (base64url), it carries the type, the chamber and the row id,
 * so a node is found by its full key (tenant_id first, as the tables are distributed by it).
 */
public record GlobalId(String type, UUID tenantId, UUID localId) {

	public static GlobalId of(String type, UUID tenantId, UUID localId) {
		return new GlobalId(type, tenantId, localId);
	}

	public String encode() {
		String raw = localId == null ? type + ":" + tenantId : type + ":" + tenantId + ":" + localId;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** The decoded id, empty when the string is not one of ours. */
	public static Optional<GlobalId> decode(String id) {
		if (id == null || id.length() > 200) {
			return Optional.empty();
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8).split(":");
			if (parts.length == 2) {
				return Optional.of(new GlobalId(parts[0], UUID.fromString(parts[1]), null));
			}
			if (parts.length == 3) {
				return Optional.of(new GlobalId(parts[0], UUID.fromString(parts[1]), UUID.fromString(parts[2])));
			}
		}
		catch (IllegalArgumentException ex) {
			// not base64, or not UUIDs: not one of ours
		}
		return Optional.empty();
	}

	/** The id of the expected type, or a {@code BAD_USER_INPUT} naming the argument. */
	public static GlobalId require(String id, String type, String argument) {
		return decode(id).filter(g -> g.type().equals(type))
			.orElseThrow(() -> ApiException.badInput("'" + argument + "' is not a " + type + " id: " + id));
	}

}
