package org.comptoir.api.listing;

import java.util.UUID;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Listings written as a file gives them (ids, status, dates), without the rules and quota of
 * {@code createListing}: what the local run's demo data loads, and what a chamber's import will.
 */
@Component
public class ListingImport {

	private final ListingRepository listings;

	ListingImport(ListingRepository listings) {
		this.listings = listings;
	}

	/** How many listings a company has, whatever their status. */
	public Mono<Integer> countOf(UUID tenantId, UUID memberId) {
		return listings.countForMember(tenantId, memberId);
	}

	public Mono<Listing> insert(Listing listing) {
		return listings.insert(listing);
	}

}
