package org.comptoir.api.matchmaking;

import java.util.Optional;

import graphql.GraphQLContext;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.member.Member;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.member.MemberDirectory.MemberKey;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who takes part in matchmaking: the company a signed-in user acts for in the current chamber.
 * Looked up once per GraphQL request, however many fields ask.
 */
@Component
record Participants(MemberDirectory directory) {

	private static final String KEY = Participants.class.getName();

	/** The caller's company in the request's chamber (required), empty for anonymous callers and users without one. */
	Mono<Member> company(GraphQLContext context, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		Optional<Caller> caller = visit.caller();
		if (caller.isEmpty() || !caller.get().realm().equals(tenant.slug())) {
			return Mono.empty();
		}
		Mono<Optional<Member>> cached = context.computeIfAbsent(KEY, key -> company(tenant, caller.get())
			.map(Optional::of).defaultIfEmpty(Optional.empty()).cache());
		return cached.flatMap(Mono::justOrEmpty);
	}

	/** The same, outside a request (subscriptions resolve it once, at subscribe). */
	Mono<Member> company(CurrentTenant tenant, Caller caller) {
		if (!caller.realm().equals(tenant.slug())) {
			return Mono.empty();
		}
		return directory.companyOf(tenant, caller.userId());
	}

	static MemberKey key(Member member) {
		return new MemberKey(member.tenantId(), member.memberId());
	}

}
