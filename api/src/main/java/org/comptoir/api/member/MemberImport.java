package org.comptoir.api.member;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Companies written as a file gives them (their ids, status, tier, owner), without the rules of
 * {@code registerMember}: what the local run's demo data loads, and what a chamber's import will.
 */
@Component
public class MemberImport {

	private final MemberRepository members;

	MemberImport(MemberRepository members) {
		this.members = members;
	}

	/** Whether the chamber has no company yet. */
	public Mono<Boolean> isEmpty(UUID tenantId) {
		return members.countsByStatus(tenantId).map(java.util.Map::isEmpty);
	}

	/** One company, its registrations, sectors and owner (when given), all of it or nothing. */
	public Mono<Member> insert(Member member, List<Registration> registrations, List<String> sectors, UUID ownerId,
			String ownerEmail) {
		return members.insert(member.tenantId(), member, registrations, sectors, ownerId, ownerEmail);
	}

}
