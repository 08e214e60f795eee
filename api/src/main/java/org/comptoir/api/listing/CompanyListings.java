package org.comptoir.api.listing;

import java.util.Map;
import java.util.UUID;

import org.comptoir.api.database.Sql;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The statements of a company's listing page (MemberProfile, MemberListingsPage), run in the caller's
 * transaction: the company's listings newest first as visible to the reader, with their total.
 */
final class CompanyListings {

	/** A listing of a company's page, with the company's total. */
	record Counted(Listing listing, int total) {
	}

	/**
	 * A company's listings, newest first (V15's index); the total rides on the page's rows (an
	 * uncorrelated sub-query, run once).
	 */
	private static final String MEMBER_PAGE = """
			SELECT ${columns}, coalesce(l.published_at, l.created_at) AS sort_at,
			       (SELECT count(*) FROM listing l WHERE ${memberListings}) AS total
			FROM listing l
			WHERE ${memberListings}
			  ${after}
			ORDER BY sort_at DESC, l.tenant_id DESC, l.listing_id DESC LIMIT :limit""";

	/** A company's listings counted apart, when a later page comes back empty. */
	private static final String MEMBER_COUNT = "SELECT count(*) AS n FROM listing l WHERE ${memberListings}";

	private static final String AFTER_MEMBER = "AND (coalesce(l.published_at, l.created_at), l.tenant_id, l.listing_id) < (:afterAt, :afterTenant, :afterId)";

	private CompanyListings() {
	}

	/** A page of a company's listings as visible to the reader, with the total; every status or published only. */
	static Flux<Counted> memberPage(DatabaseClient db, UUID current, UUID memberTenant, UUID memberId, boolean allStatuses,
			int first, ListingCursor after) {
		return memberPageStatement(current, memberTenant, memberId, allStatuses, first, after).on(db)
			.map(row -> new Counted(ListingRepository.map(row), row.get("total", Long.class).intValue())).all();
	}

	static Sql memberPageStatement(UUID current, UUID memberTenant, UUID memberId, boolean allStatuses, int first,
			ListingCursor after) {
		Sql sql = member(MEMBER_PAGE, current, memberTenant, memberId, allStatuses, after == null ? "" : AFTER_MEMBER)
			.bind("limit", first + 1);
		if (after != null) {
			sql.bind("afterAt", after.publishedAt()).bind("afterTenant", after.tenantId()).bind("afterId", after.listingId());
		}
		return sql;
	}

	static Mono<Integer> memberCount(DatabaseClient db, UUID current, UUID memberTenant, UUID memberId, boolean allStatuses) {
		return member(MEMBER_COUNT, current, memberTenant, memberId, allStatuses, "").on(db)
			.map(row -> row.get("n", Long.class).intValue()).one();
	}

	private static Sql member(String template, UUID current, UUID memberTenant, UUID memberId, boolean allStatuses, String after) {
		String listings = "l.tenant_id = :memberTenant AND l.member_id = :memberId AND " + ListingRepository.VISIBLE
				+ (allStatuses ? "" : " AND l.status = 'PUBLISHED'");
		return new Sql(ListingSearch.fill(template, Map.of("columns", ListingRepository.COLUMNS, "memberListings", listings, "after", after)))
			.bind("memberTenant", memberTenant).bind("memberId", memberId).bind("current", current);
	}

}
