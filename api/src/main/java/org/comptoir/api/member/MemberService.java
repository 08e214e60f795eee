package org.comptoir.api.member;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.graphql.InputRules;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.hs.HsNomenclature;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.Invitations;
import org.comptoir.api.member.MemberInputs.InviteMemberUserInput;
import org.comptoir.api.member.MemberInputs.InviteMemberUserPayload;
import org.comptoir.api.member.MemberInputs.MemberPayload;
import org.comptoir.api.member.MemberInputs.RegisterMemberInput;
import org.comptoir.api.member.MemberInputs.ReviewMemberInput;
import org.comptoir.api.member.MemberInputs.SetMemberTierInput;
import org.comptoir.api.member.MemberInputs.UpdateMemberProfileInput;
import org.comptoir.api.notices.Notice;
import org.comptoir.api.notices.Notifications;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.keycloak.KeycloakProvisioningException;
import org.comptoir.keycloak.RealmProvisioner;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The rules of a company's life in its chamber: registration, profile, colleagues, the admins' decisions. */
@Service
record MemberService(MemberRepository members, HsNomenclature hs, TenantRegistry registry, TenantTransactions transactions,
		RealmProvisioner provisioner, Invitations invitations, MembersProperties limits, Readers readers, Notifications notices) {

	private static final UserError INVALID_NAME = UserError.of("INVALID_NAME", "The company name must be 2 to 200 characters.",
			"input", "name");

	private static final UserError INVALID_URL = UserError.of("INVALID_URL", "The website must be an http(s) URL.", "input",
			"website");

	/** A company registered by the caller, PENDING until the chamber's admins review it. */
	Mono<MemberPayload> register(CurrentTenant tenant, Caller caller, RegisterMemberInput input) {
		List<UserError> overBounds = MemberInputs.overBounds(input);
		if (!overBounds.isEmpty()) {
			return Mono.just(new MemberPayload(null, overBounds));
		}
		List<UserError> errors = new ArrayList<>();
		String name = input.name() == null ? "" : input.name().trim();
		if (!InputRules.isName(name, 200)) {
			errors.add(INVALID_NAME);
		}
		if (input.website() != null && !isWebsite(input.website())) {
			errors.add(INVALID_URL);
		}
		List<Registration> registrations = new ArrayList<>();
		List<MemberInputs.RegistrationInput> given = input.registrations() == null ? List.of() : input.registrations();
		for (int i = 0; i < given.size(); i++) {
			MemberInputs.RegistrationInput r = given.get(i);
			String scheme = r.scheme().trim().toUpperCase(java.util.Locale.ROOT);
			Optional<String> problem = Registrations.problem(input.country(), scheme, r.value());
			if (problem.isPresent()) {
				errors.add(UserError.of("INVALID_REGISTRATION", problem.get(), "input", "registrations", String.valueOf(i), "value"));
			}
			else if (registrations.stream().anyMatch(x -> x.scheme().equals(scheme))) {
				errors.add(UserError.of("DUPLICATE_REGISTRATION", "Scheme " + scheme + " is given twice.", "input", "registrations", String.valueOf(i), "scheme"));
			}
			else {
				registrations.add(new Registration(scheme, Registrations.normalise(scheme, r.value())));
			}
		}
		List<String> sectors = input.sectorCodes() == null ? List.of() : input.sectorCodes().stream().map(String::trim).distinct().toList();
		return Flux.fromIterable(sectors)
			.index()
			.concatMap(indexed -> hs.isAcceptable(indexed.getT2())
				.filter(ok -> !ok)
				.map(bad -> UserError.of("INVALID_HS_CODE", "Unknown HS code: " + indexed.getT2(), "input", "sectorCodes",
						String.valueOf(indexed.getT1()))))
			.collectList()
			.zipWith(members.findByUser(tenant.id(), caller.userId()).hasElement())
			.flatMap(checked -> {
				errors.addAll(checked.getT1());
				if (checked.getT2()) {
					errors.add(0, UserError.of("ALREADY_MEMBER", "You already act for a company in this chamber."));
				}
				if (!errors.isEmpty()) {
					return Mono.just(new MemberPayload(null, errors));
				}
				Map<String, String> descriptions = new LinkedHashMap<>();
				if (input.description() != null && !input.description().isBlank()) {
					descriptions.put(registry.find(tenant.id()).map(Tenant::defaultLocale).orElse("fr"),
							input.description().trim());
				}
				Member member = new Member(tenant.id(), UUID.randomUUID(), name, InputRules.blankToNull(input.legalName()),
						MemberStatus.PENDING, MemberTier.FREE, false, input.country(), InputRules.blankToNull(input.city()), InputRules.blankToNull(input.website()), descriptions, 0);
				return members.insert(tenant.id(), member, registrations, sectors, caller.userId(), caller.email())
					.map(MemberPayload::ok);
			});
	}

	/** An admin's decision on a member of the chamber (approve, reject, suspend, verify...). */
	Mono<MemberPayload> review(CurrentTenant tenant, Caller admin, UUID memberId, ReviewMemberInput input) {
		return notOwn(tenant, ownMember(tenant, memberId), admin, "review")
			.flatMap(member -> {
				Optional<MemberReviewRules.Outcome> outcome = MemberReviewRules.apply(member, input.decision());
				if (outcome.isEmpty()) {
					return Mono.just(MemberPayload.error(UserError.of("INVALID_TRANSITION",
							"Cannot " + input.decision() + " a member that is " + member.status()
									+ (member.verified() && input.decision() == MemberDecision.VERIFY ? " and already verified" : "") + ".",
							"input", "decision")));
				}
				return decide(tenant, member, input.decision().name(), outcome.get().status(), outcome.get().verified(), member.tier(),
						input.reason(), admin);
			});
	}

	Mono<MemberPayload> setTier(CurrentTenant tenant, Caller admin, UUID memberId, SetMemberTierInput input) {
		return notOwn(tenant, ownMember(tenant, memberId), admin, "set the tier of")
			.flatMap(member -> decide(tenant, member, "SET_TIER", member.status(), member.verified(), input.tier(),
					input.reason(), admin));
	}

	/** No self-dealing: an admin who acts for the company (owner or staff) does not decide on it. */
	private Mono<Member> notOwn(CurrentTenant tenant, Mono<Member> member, Caller admin, String action) {
		return member.flatMap(m -> members.isUserOf(tenant.id(), m.memberId(), admin.userId())
			.flatMap(own -> own ? Mono.error(ApiException.forbidden("You cannot " + action + " a company you act for."))
					: Mono.just(m)));
	}

	/** The decision, or CONFLICT when another one changed the member since it was read. */
	private Mono<MemberPayload> decide(CurrentTenant tenant, Member member, String decision, MemberStatus status,
			boolean verified, MemberTier tier, String reason, Caller admin) {
		return members.decide(tenant.id(), member, decision, status, verified, tier, reason, admin.userId(), admin.email(),
				db -> told(db, tenant, member, decision, reason))
			.map(MemberPayload::ok)
			.defaultIfEmpty(MemberPayload.error(UserError.of("CONFLICT", "The member changed meanwhile; read it again.")));
	}

	/** The company's users told of the chamber's approval, rejection or suspension, with the decision. */
	private Mono<Void> told(DatabaseClient db, CurrentTenant tenant, Member member, String decision, String reason) {
		Notice.Kind kind = switch (decision) {
			case "APPROVE" -> Notice.Kind.MEMBER_APPROVED;
			case "REJECT" -> Notice.Kind.MEMBER_REJECTED;
			case "SUSPEND" -> Notice.Kind.MEMBER_SUSPENDED;
			default -> null;
		};
		if (kind == null) {
			return Mono.empty();
		}
		Map<String, String> params = new HashMap<>(Map.of("company", member.name()));
		if (reason != null && !reason.isBlank()) {
			params.put("reason", reason);
		}
		return notices.record(db, tenant.id(), tenant.id(), member.memberId(), new Notice(kind, params), "/members/" + member.id());
	}

	/** A profile edited by the company's own users, unless the company is barred. */
	Mono<MemberPayload> updateProfile(CurrentTenant tenant, Caller caller, UUID memberId, UpdateMemberProfileInput input) {
		List<UserError> overBounds = MemberInputs.overBounds(input);
		if (!overBounds.isEmpty()) {
			return Mono.just(new MemberPayload(null, overBounds));
		}
		return members.isUserOf(tenant.id(), memberId, caller.userId())
			.flatMap(own -> own ? members.find(tenant.id(), memberId)
					: Mono.error(ApiException.forbidden("Only the company's own users edit its profile.")))
			.map(member -> MemberDirectory.requireNotBarred(member, "edit its profile"))
			.flatMap(member -> {
				String name = input.name() == null ? member.name() : input.name().trim();
				if (!InputRules.isName(name, 200)) {
					return Mono.just(MemberPayload.error(INVALID_NAME));
				}
				if (input.website() != null && !input.website().isBlank() && !isWebsite(input.website())) {
					return Mono.just(MemberPayload.error(INVALID_URL));
				}
				Map<String, String> descriptions = new LinkedHashMap<>(member.descriptions());
				if (input.descriptions() != null) {
					input.descriptions().forEach(d -> {
						if (d.text() == null || d.text().isBlank()) {
							descriptions.remove(d.locale());
						}
						else {
							descriptions.put(d.locale(), d.text().trim());
						}
					});
				}
				return members.updateProfile(tenant.id(), memberId, input.version(), name,
						input.legalName() == null ? member.legalName() : InputRules.blankToNull(input.legalName()),
						input.city() == null ? member.city() : InputRules.blankToNull(input.city()),
						input.website() == null ? member.website() : InputRules.blankToNull(input.website()), descriptions)
					.map(MemberPayload::ok)
					.defaultIfEmpty(MemberPayload.error(UserError.of("CONFLICT",
							"The profile changed since version " + input.version() + "; read it again.", "input", "version")));
			});
	}

	/**
	 * A colleague invited by the company's owner: an account in the chamber's realm, linked to the company,
	 * within the company's caps (users, invitations a day).
	 */
	Mono<InviteMemberUserPayload> inviteUser(CurrentTenant tenant, Caller caller, InviteMemberUserInput input) {
		String email = input.email() == null ? "" : input.email().trim().toLowerCase(Locale.ROOT);
		if (!InputRules.isEmail(email)) {
			return Mono.just(InviteMemberUserPayload.error(UserError.of("INVALID_EMAIL", "Not an email address: " + input.email(), "input", "email")));
		}
		return members.ownerCompany(tenant.id(), caller.userId())
			.switchIfEmpty(Mono.error(ApiException.forbidden("Only a company's owner invites colleagues.")))
			.flatMap(memberId -> members.find(tenant.id(), memberId))
			.map(company -> MemberDirectory.requireActive(company, "invite colleagues"))
			.flatMap(company -> members.staffCounts(tenant.id(), company.memberId())
				.flatMap(counts -> Mono.justOrEmpty(staffCap(counts)))
				.map(InviteMemberUserPayload::error)
				.switchIfEmpty(Mono.defer(() -> invite(tenant, company, email, input))));
	}

	/**
	 * A new account linked to the company. An address that already has an account in the realm gets the
	 * same answer and nothing else (no link, no change): the answer never tells who has an account.
	 */
	private Mono<InviteMemberUserPayload> invite(CurrentTenant tenant, Member company, String email,
			InviteMemberUserInput input) {
		InviteMemberUserPayload sent = new InviteMemberUserPayload(null, email, null, List.of());
		return Mono.fromCallable(() -> provisioner.inviteMember(tenant.slug(), email,
				blankTo(input.firstName(), "Colleague"), blankTo(input.lastName(), "Staff"), invitations.invitation()))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(user -> addStaff(tenant.id(), company, UUID.fromString(user.id()), email)
				.map(InviteMemberUserPayload::error)
				.flatMap(refusal -> undo(tenant, user).thenReturn(refusal))
				.switchIfEmpty(Mono.fromSupplier(() -> new InviteMemberUserPayload(null, email, user.temporaryPassword(), List.of())))
				// nothing half-made: without the link, the account goes too
				.onErrorResume(ex -> undo(tenant, user).then(Mono.error(ex))))
			.onErrorResume(KeycloakProvisioningException.class, ex -> Mono.just(ex.status() == 409 ? sent
					: InviteMemberUserPayload.error(UserError.of("IDENTITY_UNAVAILABLE", "The identity service refused the account; try again later."))));
	}

	/**
	 * Links the colleague unless that passes the company's caps (then the refusal, nothing written): the
	 * company row is locked first, so concurrent invitations cannot pass them together. The company's users,
	 * the colleague included, are told in the same transaction.
	 */
	private Mono<UserError> addStaff(UUID tenantId, Member company, UUID userId, String email) {
		return transactions.mono(tenantId, db -> members.lockAndCountStaff(db, tenantId, company.memberId()).flatMap(counts -> {
			Optional<UserError> refusal = staffCap(counts);
			return refusal.isPresent() ? Mono.just(refusal.get())
					: members.insertStaff(db, tenantId, company.memberId(), userId, email)
						.then(notices.record(db, tenantId, tenantId, company.memberId(),
								new Notice(Notice.Kind.COLLEAGUE_INVITED, Map.of("email", email, "company", company.name())), "/members/" + company.id()))
						.then(Mono.empty());
		})).doOnSuccess(refusal -> readers.forget(tenantId));
	}

	/** The cap one more colleague would pass, if any. */
	private Optional<UserError> staffCap(MemberRepository.StaffCounts counts) {
		if (counts.users() >= limits.maxUsersPerCompany()) {
			return Optional.of(UserError.of("TOO_MANY_USERS", "A company has at most " + limits.maxUsersPerCompany() + " users."));
		}
		if (counts.today() >= limits.maxInvitationsPerDay()) {
			return Optional.of(UserError.of("QUOTA_EXCEEDED",
					"A company adds at most " + limits.maxInvitationsPerDay() + " colleagues in 24 hours."));
		}
		return Optional.empty();
	}

	private Mono<Void> undo(CurrentTenant tenant, RealmProvisioner.Invited user) {
		return Mono.<Void>fromRunnable(() -> provisioner.deleteUser(tenant.slug(), user.id())).subscribeOn(Schedulers.boundedElastic());
	}

	private static String blankTo(String value, String fallback) {
		return value == null || value.isBlank() ? fallback : value.trim();
	}

	private Mono<Member> ownMember(CurrentTenant tenant, UUID memberId) {
		return members.find(tenant.id(), memberId)
			.switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "No such member in this chamber.")));
	}

	private static boolean isWebsite(String website) {
		return website.matches("https?://[^\\s]{3,200}");
	}

}
