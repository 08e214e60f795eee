package org.comptoir.api.listing;

/** Which chambers a search reads (GraphQL {@code ListingScope}). */
enum ListingScope {
	CHAMBER, NETWORK
}
