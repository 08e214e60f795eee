package org.comptoir.api.matchmaking;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.member.MemberDirectory.MemberKey;

/**
 * A company asking another (about one of its listings, or directly) to get in touch; read from the
 * current chamber's own copy ({@code tenantId}). Its global id names the requester's chamber, the
 * same in both portals.
 */
record ContactRequest(UUID tenantId, UUID contactRequestId, UUID fromTenantId, UUID fromMemberId, UUID toTenantId,
		UUID toMemberId, UUID listingTenantId, UUID listingId, String message, ContactRequestStatus status, String response,
		OffsetDateTime respondedAt, UUID conversationId, OffsetDateTime createdAt) {

	static final String TYPE = "ContactRequest";

	public String id() {
		return GlobalId.of(TYPE, fromTenantId, contactRequestId).encode();
	}

	MemberKey from() {
		return new MemberKey(fromTenantId, fromMemberId);
	}

	MemberKey to() {
		return new MemberKey(toTenantId, toMemberId);
	}

	boolean concerns(MemberKey company) {
		return from().equals(company) || to().equals(company);
	}

}
