package org.comptoir.api.listing;

import java.util.Map;
import java.util.UUID;

import org.comptoir.api.database.Sql;
import org.comptoir.api.member.MemberDirectory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The statements of a company's listing page (MemberProfile, MemberListingsPage), run in the caller's
 * transaction: the company's listings newest first as visible to the reader, with their total and, as a
 * search page reads them, their company ({@code member_card}, migration V19).
 */
final class CompanyListings {

	/** A listing of a company's page, with the company's total. */
	record Counted(Listing listing, int total) {
	}

	/**
	 * A company's listings, newest first (V15's index); the total rides on the page's rows (an
	 * uncorrelated sub-query, run once), and so does the company as the reader sees it.
	 */
	private static final String MEMBER_PAGE = """
			SELECT ${columns}, coalesce(l.published_at, l.created_at) AS sort_at,
			       (SELECT count(*) FROM listing l WHERE ${memberListings}) AS total, company::text AS company
			FROM listing l LEFT JOIN LATERAL member_card(l.tenant_id, l.member_id) AS company ON true
			WHERE ${memberListings}
			  ${after}
			ORDER BY sort_at DESC, l.tenant_id DESC, l.listing_id DESC LIMIT :limit""";

	/** A company's listings counted apart, when a later page comes back empty. */
	private static final String MEMBER_COUNT = "SELECT count(*) AS n FROM listing l WHERE ${memberListings}";

	private static final String AFTER_MEMBER = "AND (coalesce(l.published_at, l.created_at), l.tenant_id, l.listing_id) < (:afterAt, :afterTenant, :afterId)";

	private CompanyListings() {
	}

	/**
	 * A page of a company's listings as visible to the reader, each with its company, and the total;
	 * every status or published only.
	 */
	static Flux<Counted> memberPage(DatabaseClient db, UUID current, UUID memberTenant, UUID memberId, boolean allStatuses,
			int first, ListingCursor after, MemberDirectory cards) {
		return memberPageStatement(current, memberTenant, memberId, allStatuses, first, after).on(db)
			.map(row -> new Counted(ListingRepository.mapWithCompany(row, cards), row.get("total", Long.class).intValue())).all();
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
