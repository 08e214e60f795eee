package org.comptoir.api.member;

import java.util.Optional;

import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.identity.Caller;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What other features ask of the directory: who may see which company. */
@Component
public class MemberDirectory {

	private final MemberRepository members;

	MemberDirectory(MemberRepository members) {
		this.members = members;
	}

	public static boolean isChamberAdmin(Optional<Caller> caller, CurrentTenant tenant) {
		return caller.filter(c -> c.realm().equals(tenant.slug()) && c.hasRole(Caller.CHAMBER_ADMIN)).isPresent();
	}

	/**
	 * A member as seen from the current chamber: its admins see every member of theirs, a company's
	 * own users see it, everyone else sees ACTIVE companies only. Another chamber's member: empty.
	 */
	public Mono<Member> visible(CurrentTenant tenant, GlobalId id, Optional<Caller> caller) {
		if (!Member.TYPE.equals(id.type()) || !tenant.id().equals(id.tenantId())) {
			return Mono.empty();
		}
		return members.find(tenant.id(), id.localId()).filterWhen(member -> {
			if (member.active() || isChamberAdmin(caller, tenant)) {
				return Mono.just(true);
			}
			return caller.map(c -> members.isUserOf(tenant.id(), member.memberId(), c.userId())).orElse(Mono.just(false));
		});
	}

}
