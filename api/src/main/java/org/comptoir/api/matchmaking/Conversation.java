package org.comptoir.api.matchmaking;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.member.MemberDirectory.MemberKey;

/** Two companies talking, opened by an accepted contact request; stored once, in the requester's chamber. */
record Conversation(UUID tenantId, UUID conversationId, UUID peerTenantId, UUID contactRequestId, UUID memberId,
		UUID peerMemberId, long lastSeq, OffsetDateTime createdAt) {

	static final String TYPE = "Conversation";

	public String id() {
		return GlobalId.of(TYPE, tenantId, conversationId).encode();
	}

	List<MemberKey> participants() {
		return List.of(new MemberKey(tenantId, memberId), new MemberKey(peerTenantId, peerMemberId));
	}

	boolean hasParticipant(MemberKey company) {
		return participants().contains(company);
	}

}
