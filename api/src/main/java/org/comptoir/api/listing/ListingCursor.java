package org.comptoir.api.listing;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.comptoir.api.graphql.Cursors;

/**
 * Keyset position in a sorted listing result: the sort values of the last row seen. Rows inserted
 * meanwhile never shift a page, and a page costs the same whatever its depth.
 */
record ListingCursor(Float rank, OffsetDateTime publishedAt, UUID tenantId, UUID listingId) {

	String encode() {
		return Cursors.encode(rank, publishedAt, tenantId, listingId);
	}

	static Optional<ListingCursor> decode(String cursor) {
		return Cursors.decode(cursor, 4, v -> new ListingCursor(v.get(0).isEmpty() ? null : Float.valueOf(v.get(0)),
				OffsetDateTime.parse(v.get(1)), UUID.fromString(v.get(2)), UUID.fromString(v.get(3))));
	}

}
