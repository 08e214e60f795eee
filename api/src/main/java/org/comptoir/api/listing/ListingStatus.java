package org.comptoir.api.listing;

/** A listing's life cycle, DRAFT → PUBLISHED → CLOSED or EXPIRED (GraphQL {@code ListingStatus}); stored by name. */
public enum ListingStatus {
	DRAFT, PUBLISHED, CLOSED, EXPIRED
}
