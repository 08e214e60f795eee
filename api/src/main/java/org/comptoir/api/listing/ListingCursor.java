package org.comptoir.api.listing;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Keyset position in a sorted listing result: the sort values of the last row seen. Rows inserted
 * meanwhile never shift a page, and a page costs the same whatever its depth.
 */
record ListingCursor(Float rank, OffsetDateTime publishedAt, UUID tenantId, UUID listingId) {

	String encode() {
		String raw = (rank == null ? "" : Float.toString(rank)) + "|" + publishedAt + "|" + tenantId + "|" + listingId;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static Optional<ListingCursor> decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
			if (parts.length != 4) {
				return Optional.empty();
			}
			return Optional.of(new ListingCursor(parts[0].isEmpty() ? null : Float.valueOf(parts[0]),
					OffsetDateTime.parse(parts[1]), UUID.fromString(parts[2]), UUID.fromString(parts[3])));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

}
