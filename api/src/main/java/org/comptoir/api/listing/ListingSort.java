package org.comptoir.api.listing;

/** A search's order (GraphQL {@code ListingSort}); words without a sort rank by relevance. */
enum ListingSort {
	RELEVANCE, NEWEST
}
