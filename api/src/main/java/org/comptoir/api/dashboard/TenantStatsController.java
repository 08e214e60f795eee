package org.comptoir.api.dashboard;

import java.util.Map;

import org.comptoir.api.identity.Caller;
import org.comptoir.api.listing.ListingCatalog;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.tenant.Tenant;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** {@code Tenant.stats}: for the chamber's own admins, null for everyone else. */
@Controller
class TenantStatsController {

	record MemberCounts(int total, int pending, int active, int suspended) {
	}

	record TenantStats(MemberCounts members, int publishedListings, int contactRequestsLast30Days) {
	}

	private final MemberDirectory members;

	private final ListingCatalog listings;

	TenantStatsController(MemberDirectory members, ListingCatalog listings) {
		this.members = members;
		this.listings = listings;
	}

	@SchemaMapping(typeName = "Tenant")
	Mono<TenantStats> stats(Tenant tenant, @Nullable Authentication authentication) {
		if (!MemberDirectory.isChamberAdmin(Caller.of(authentication), tenant.asCurrent())) {
			return Mono.empty();
		}
		return members.countsByStatus(tenant.tenantId())
			.zipWith(listings.publishedCount(tenant.tenantId()))
			.map(both -> {
				Map<String, Integer> counts = both.getT1();
				return new TenantStats(new MemberCounts(counts.values().stream().mapToInt(Integer::intValue).sum(),
						get(counts, "PENDING"), get(counts, "ACTIVE"), get(counts, "SUSPENDED")), both.getT2(), 0);
			});
	}

	private static int get(Map<String, Integer> counts, String status) {
		return counts.getOrDefault(status, 0);
	}

}
