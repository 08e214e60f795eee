package org.comptoir.api.dashboard;

import java.util.Map;

import org.comptoir.api.identity.Visit;
import org.comptoir.api.listing.ListingCatalog;
import org.comptoir.api.matchmaking.ContactLedger;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.member.MemberStatus;
import org.comptoir.api.tenant.Tenant;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** {@code Tenant.stats}: for the chamber's own admins, null for everyone else. */
@Controller
record TenantStatsController(MemberDirectory members, ListingCatalog listings, ContactLedger contactRequests) {

	record MemberCounts(int total, int pending, int active, int suspended) {
	}

	record TenantStats(MemberCounts members, int publishedListings, int contactRequestsLast30Days) {
	}

	@SchemaMapping(typeName = "Tenant")
	Mono<TenantStats> stats(Tenant tenant, Visit visit) {
		if (!visit.isAdminOf(tenant.slug())) {
			return Mono.empty();
		}
		return Mono.zip(members.countsByStatus(tenant.tenantId()), listings.publishedCount(tenant.tenantId()),
				contactRequests.countLast30Days(tenant.tenantId()))
			.map(all -> {
				Map<MemberStatus, Integer> counts = all.getT1();
				return new TenantStats(new MemberCounts(counts.values().stream().mapToInt(Integer::intValue).sum(),
						get(counts, MemberStatus.PENDING), get(counts, MemberStatus.ACTIVE), get(counts, MemberStatus.SUSPENDED)), all.getT2(), all.getT3());
			});
	}

	private static int get(Map<MemberStatus, Integer> counts, MemberStatus status) {
		return counts.getOrDefault(status, 0);
	}

}
