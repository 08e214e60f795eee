package org.comptoir.api.listing;

import java.util.UUID;

/** A listing was published: matchmaking tells the owners of the listings that fit it. */
public record ListingPublished(UUID tenantId, UUID listingId) {
}
