package org.comptoir.api.member;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.graphql.InputRules;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.hs.HsNomenclature;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.member.MemberInputs.MemberPayload;
import org.comptoir.api.member.MemberInputs.RegisterMemberInput;
import org.comptoir.api.member.MemberInputs.ReviewMemberInput;
import org.comptoir.api.member.MemberInputs.SetMemberTierInput;
import org.comptoir.api.member.MemberInputs.UpdateMemberProfileInput;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The rules of a company's life in its chamber: registration, profile, the admins' decisions. */
@Service
class MemberService {

	private static final UserError INVALID_NAME = UserError.of("INVALID_NAME", "The company name must be 2 to 200 characters.",
			"input", "name");

	private static final UserError INVALID_URL = UserError.of("INVALID_URL", "The website must be an http(s) URL.", "input",
			"website");

	private final MemberRepository members;

	private final HsNomenclature hs;

	private final TenantRegistry registry;

	MemberService(MemberRepository members, HsNomenclature hs, TenantRegistry registry) {
		this.members = members;
		this.hs = hs;
		this.registry = registry;
	}


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
		return members.decide(tenant.id(), member, decision, status, verified, tier, reason, admin.userId(), admin.email())
			.map(MemberPayload::ok)
			.defaultIfEmpty(MemberPayload.error(UserError.of("CONFLICT", "The member changed meanwhile; read it again.")));
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

	private Mono<Member> ownMember(CurrentTenant tenant, UUID memberId) {
		return members.find(tenant.id(), memberId)
			.switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "No such member in this chamber.")));
	}

	private static boolean isWebsite(String website) {
		return website.matches("https?://[^\\s]{3,200}");
	}

}
