package org.comptoir.api.member;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

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

	/** Members referenced from elsewhere (listings, contact requests), as visible from the current chamber. */
	public Mono<Map<MemberKey, Member>> visible(CurrentTenant current, Collection<MemberKey> keys) {
		if (keys.isEmpty()) {
			return Mono.just(Map.of());
		}
		return members.findVisible(current.id(), keys.stream().map(MemberKey::tenantId).toList(),
				keys.stream().map(MemberKey::memberId).toList())
			.collectMap(m -> new MemberKey(m.tenantId(), m.memberId()), Function.identity());
	}

	/** One member as visible from the current chamber, from any chamber; empty when hidden. */
	public Mono<Member> visible(CurrentTenant current, MemberKey key) {
		return visible(current, List.of(key)).flatMap(found -> Mono.justOrEmpty(found.get(key)));
	}

	/** Whether the user acts for this company (owner or staff). */
	public Mono<Boolean> isUserOf(CurrentTenant tenant, UUID memberId, UUID userId) {
		return members.isUserOf(tenant.id(), memberId, userId);
	}

	/** The company the user acts for in the chamber, if any. */
	public Mono<Member> companyOf(CurrentTenant tenant, UUID userId) {
		return members.findByUser(tenant.id(), userId);
	}

	public Mono<Map<String, Integer>> countsByStatus(UUID tenantId) {
		return members.countsByStatus(tenantId);
	}

	public record MemberKey(UUID tenantId, UUID memberId) {
	}

	/**
	 * A member as seen from the current chamber: its admins see every member of theirs, a company's
	 * own users see it, everyone else sees ACTIVE companies only. Another chamber's member: its public
	 * profile when it has a published network listing, else nothing.
	 */
	public Mono<Member> visible(CurrentTenant tenant, GlobalId id, Optional<Caller> caller) {
		if (!Member.TYPE.equals(id.type())) {
			return Mono.empty();
		}
		if (!tenant.id().equals(id.tenantId())) {
			return visible(tenant, new MemberKey(id.tenantId(), id.localId()));
		}
		return members.find(tenant.id(), id.localId()).filterWhen(member -> {
			if (member.active() || isChamberAdmin(caller, tenant)) {
				return Mono.just(true);
			}
			return caller.map(c -> members.isUserOf(tenant.id(), member.memberId(), c.userId())).orElse(Mono.just(false));
		});
	}

}
