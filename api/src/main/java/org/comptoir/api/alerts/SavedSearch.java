package org.comptoir.api.alerts;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.comptoir.api.listing.ListingFilter;
import org.jspecify.annotations.Nullable;

/** A company's saved marketplace search: words and filter as {@code listings} takes them, and its alert. */
record SavedSearch(UUID tenantId, UUID savedSearchId, UUID memberId, String name, @Nullable String query, ListingFilter filter,
		AlertMode alert, OffsetDateTime createdAt, @Nullable OffsetDateTime lastAlertedAt, int version) {

	static final String TYPE = "SavedSearch";
}
