package org.comptoir.api.member;

import org.comptoir.api.identity.Visit;
import org.comptoir.api.member.MemberInputs.InviteMemberUserInput;
import org.comptoir.api.member.MemberInputs.InviteMemberUserPayload;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** A company's owner invites colleagues: accounts in the chamber's realm, linked to the company. */
@Controller
record StaffController(MemberService service) {

	@MutationMapping
	Mono<InviteMemberUserPayload> inviteMemberUser(@Argument InviteMemberUserInput input, Visit visit) {
		return service.inviteUser(visit.chamber(), visit.signedIn(), input);
	}

}
