package org.comptoir.api.listing;

/**
 * Which listings a search statement ({@link ListingSearch}) reads (the first wall,
 * {@link ListingRepository#VISIBLE}): the current chamber's own, the other chambers' network listings,
 * or both.
 */
enum Reach {

	CHAMBER("AND " + ListingRepository.OWN),
	OTHER_CHAMBERS("AND l.visibility = 'NETWORK' AND l.tenant_id <> :current"),
	NETWORK("AND " + ListingRepository.VISIBLE);

	private final String predicate;

	Reach(String predicate) {
		this.predicate = predicate;
	}

	/** The reach as a condition on {@code l}, the listing table. */
	String predicate() {
		return predicate;
	}

	/** All a query reads: the chamber's own listings, or with scope NETWORK the network's too. */
	static Reach of(ListingSearch.SearchQuery query) {
		return query.network() ? NETWORK : CHAMBER;
	}

}
