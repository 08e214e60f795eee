package org.comptoir.api.member;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.InputRules;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.Invitations;
import org.comptoir.api.identity.Visit;
import org.comptoir.keycloak.KeycloakProvisioningException;
import org.comptoir.keycloak.RealmProvisioner;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A company's owner invites colleagues: accounts in the chamber's realm, linked to the company. */
@Controller
record StaffController(MemberRepository members, RealmProvisioner provisioner, Invitations invitations, MembersProperties limits) {

	record InviteMemberUserInput(String email, String firstName, String lastName) {
	}

	record InviteMemberUserPayload(String userId, String email, String initialPassword, List<UserError> userErrors) {

		static InviteMemberUserPayload error(UserError error) {
			return new InviteMemberUserPayload(null, null, null, List.of(error));
		}
	}

	@MutationMapping
	Mono<InviteMemberUserPayload> inviteMemberUser(@Argument InviteMemberUserInput input, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		Caller caller = visit.signedIn();
		String email = input.email() == null ? "" : input.email().trim().toLowerCase(Locale.ROOT);
		if (!InputRules.isEmail(email)) {
			return Mono.just(InviteMemberUserPayload.error(UserError.of("INVALID_EMAIL", "Not an email address: " + input.email(), "input", "email")));
		}
		return members.ownerCompany(tenant.id(), caller.userId())
			.switchIfEmpty(Mono.error(ApiException.forbidden("Only a company's owner invites colleagues.")))
			.flatMap(memberId -> members.find(tenant.id(), memberId))
			.map(company -> MemberDirectory.requireActive(company, "invite colleagues"))
			.flatMap(company -> members.staffRefusal(tenant.id(), company.memberId(), limits)
				.map(this::refused)
				.switchIfEmpty(Mono.defer(() -> invite(tenant, company.memberId(), email, input))));
	}

	/**
	 * A new account linked to the company. An address that already has an account in the realm gets the
	 * same answer and nothing else (no link, no change): the answer never tells who has an account.
	 */
	private Mono<InviteMemberUserPayload> invite(CurrentTenant tenant, UUID memberId, String email,
			InviteMemberUserInput input) {
		InviteMemberUserPayload sent = new InviteMemberUserPayload(null, email, null, List.of());
		return Mono.fromCallable(() -> provisioner.inviteMember(tenant.slug(), email,
				blankTo(input.firstName(), "Colleague"), blankTo(input.lastName(), "Staff"), invitations.invitation()))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(user -> members.addStaff(tenant.id(), memberId, UUID.fromString(user.id()), email, limits)
				.map(this::refused)
				.flatMap(refusal -> undo(tenant, user).thenReturn(refusal))
				.switchIfEmpty(Mono.fromSupplier(() -> new InviteMemberUserPayload(null, email, user.temporaryPassword(), List.of())))
				// nothing half-made: without the link, the account goes too
				.onErrorResume(ex -> undo(tenant, user).then(Mono.error(ex))))
			.onErrorResume(KeycloakProvisioningException.class, ex -> Mono.just(ex.status() == 409 ? sent
					: InviteMemberUserPayload.error(UserError.of("IDENTITY_UNAVAILABLE", "The identity service refused the account; try again later."))));
	}

	private Mono<Void> undo(CurrentTenant tenant, RealmProvisioner.Invited user) {
		return Mono.<Void>fromRunnable(() -> provisioner.deleteUser(tenant.slug(), user.id())).subscribeOn(Schedulers.boundedElastic());
	}

	private InviteMemberUserPayload refused(MemberRepository.StaffRefusal refusal) {
		return InviteMemberUserPayload.error(refusal == MemberRepository.StaffRefusal.TOO_MANY_USERS
				? UserError.of("TOO_MANY_USERS", "A company has at most " + limits.maxUsersPerCompany() + " users.")
				: UserError.of("QUOTA_EXCEEDED", "A company adds at most " + limits.maxInvitationsPerDay() + " colleagues in 24 hours."));
	}

	private static String blankTo(String value, String fallback) {
		return value == null || value.isBlank() ? fallback : value.trim();
	}

}
