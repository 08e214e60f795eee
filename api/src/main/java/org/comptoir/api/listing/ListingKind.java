package org.comptoir.api.listing;

/** An offer (sells) or a request (wants to buy), GraphQL {@code ListingKind}; stored by name. */
public enum ListingKind {
	OFFER, REQUEST;

	/** The kind that answers this one: an offer's matches are requests, and back. */
	public ListingKind opposite() {
		return this == OFFER ? REQUEST : OFFER;
	}
}
