package org.comptoir.api.matchmaking;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.member.MemberDirectory.MemberKey;

/** A message of a conversation; {@code seq} is its place in it, the same for both sides. */
record Message(UUID tenantId, UUID messageId, UUID conversationId, long seq, UUID authorTenantId, UUID authorMemberId,
		String body, OffsetDateTime sentAt) {

	static final String TYPE = "Message";

	public String id() {
		return GlobalId.of(TYPE, tenantId, messageId).encode();
	}

	MemberKey author() {
		return new MemberKey(authorTenantId, authorMemberId);
	}

}
