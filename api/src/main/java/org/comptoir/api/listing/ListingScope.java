package org.comptoir.api.listing;

/** Which chambers a search reads (GraphQL {@code ListingScope}). */
public enum ListingScope {
	CHAMBER, NETWORK
}
