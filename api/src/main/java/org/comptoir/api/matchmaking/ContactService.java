package org.comptoir.api.matchmaking;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import graphql.GraphQLContext;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.graphql.InputRules;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.listing.Listing;
import org.comptoir.api.listing.ListingCatalog.ListingKey;
import org.comptoir.api.listing.ListingCatalog;
import org.comptoir.api.listing.ListingStatus;
import org.comptoir.api.matchmaking.MatchmakingInputs.ContactRequestPayload;
import org.comptoir.api.matchmaking.MatchmakingInputs.RequestContactInput;
import org.comptoir.api.matchmaking.MatchmakingInputs.RespondToContactRequestInput;
import org.comptoir.api.member.Member;
import org.comptoir.api.member.MemberDirectory.MemberKey;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.member.MemberTier;
import org.comptoir.api.notices.Notice;
import org.comptoir.api.notices.Notifications;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The rules of mise en relation: who may ask whom, how often, and who answers. */
@Service
record ContactService(ContactRequestRepository requests, ConversationRepository conversations, Participants participants, MemberDirectory directory, ListingCatalog catalog, MatchmakingProperties properties, TenantTransactions transactions, MatchmakingEvents events, Notifications notices) {

	private record Target(MemberKey member, ListingKey listing) {
	}

	/** A contact request, and the caller's company, one of its two. */
	private record Concerned(ContactRequest request, Member company) {
	}

	/** A request from the caller's ACTIVE company to a listing's company or to a company, within its daily cap. */
	Mono<ContactRequestPayload> request(GraphQLContext context, Visit visit, RequestContactInput input) {
		CurrentTenant tenant = visit.chamber();
		Caller caller = visit.signedIn();
		if ((input.listingId() == null) == (input.memberId() == null)) {
			return Mono.just(ContactRequestPayload.error(UserError.of("INVALID_TARGET",
					"Give either a listingId (its company is asked) or a memberId.", "input")));
		}
		GlobalId listingId = input.listingId() == null ? null : GlobalId.require(input.listingId(), Listing.TYPE, "input.listingId");
		GlobalId memberId = input.memberId() == null ? null : GlobalId.require(input.memberId(), Member.TYPE, "input.memberId");
		String message = InputRules.blankToNull(input.message());
		if (message == null || message.length() > 2000) {
			return Mono.just(ContactRequestPayload.error(UserError.of("INVALID_MESSAGE",
					"Write a message of 1 to 2,000 characters.", "input", "message")));
		}
		return participants.company(context, visit).map(Optional::of).defaultIfEmpty(Optional.empty())
			.flatMap(company -> {
				if (company.isEmpty()) {
					return Mono.just(ContactRequestPayload.error(UserError.of("NO_COMPANY",
							"You act for no company in this chamber: register one first.")));
				}
				Member requester = company.get();
				if (!requester.active()) {
					return Mono.just(ContactRequestPayload.error(UserError.of("MEMBER_NOT_ACTIVE",
							"Only ACTIVE companies ask for contacts; yours is " + requester.status() + ".")));
				}
				Mono<Target> target = directory.reader(context, visit)
					.flatMap(reader -> listingId != null ? listingTarget(reader, listingId) : memberTarget(reader, memberId));
				return target.map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(found -> {
					if (found.isEmpty()) {
						return Mono.just(listingId != null
								? ContactRequestPayload.error(UserError.of("LISTING_NOT_AVAILABLE",
										"This listing is not published, or not visible from this chamber.", "input", "listingId"))
								: ContactRequestPayload.error(UserError.of("MEMBER_NOT_FOUND",
										"No active company with this id is visible from this chamber.", "input", "memberId")));
					}
					Target t = found.get();
					if (t.member().equals(Participants.key(requester))) {
						return Mono.just(ContactRequestPayload.error(UserError.of("SELF_CONTACT",
								"This is your own company.", "input", listingId != null ? "listingId" : "memberId")));
					}
					ContactRequest request = new ContactRequest(tenant.id(), UUID.randomUUID(), tenant.id(), requester.memberId(),
							t.member().tenantId(), t.member().memberId(), t.listing() == null ? null : t.listing().tenantId(),
							t.listing() == null ? null : t.listing().listingId(), message, ContactRequestStatus.PENDING, null, null, null, null);
					return create(request, requester, caller);
				});
			});
	}

	/** The answer of the company asked; an acceptance opens the conversation. */
	Mono<ContactRequestPayload> respond(GraphQLContext context, Visit visit, RespondToContactRequestInput input) {
		CurrentTenant tenant = visit.chamber();
		Caller caller = visit.signedIn();
		GlobalId id = GlobalId.require(input.contactRequestId(), ContactRequest.TYPE, "input.contactRequestId");
		String response = InputRules.blankToNull(input.message());
		if (response != null && response.length() > 2000) {
			return Mono.just(ContactRequestPayload.error(UserError.of("INVALID_MESSAGE",
					"The answer is limited to 2,000 characters.", "input", "message")));
		}
		boolean accept = Boolean.TRUE.equals(input.accept());
		return participants.company(context, visit)
			.flatMap(company -> requests.find(tenant.id(), id.localId())
				.filter(r -> r.fromTenantId().equals(id.tenantId()) && r.concerns(Participants.key(company)))
				.map(r -> new Concerned(r, company)))
			.switchIfEmpty(Mono.error(notFound()))
			.flatMap(found -> {
				ContactRequest request = found.request();
				MemberKey me = Participants.key(found.company());
				if (!request.to().equals(me)) {
					return Mono.error(ApiException.forbidden("Only the company asked answers a contact request."));
				}
				MemberDirectory.requireActive(found.company(), "answer contact requests");
				if (request.status() != ContactRequestStatus.PENDING) {
					return Mono.just(ContactRequestPayload.error(UserError.of("INVALID_TRANSITION",
							"This request was " + request.status() + " already.")));
				}
				Map<String, String> params = new HashMap<>(Map.of("toCompany", found.company().name()));
				if (response != null) {
					params.put("response", response);
				}
				Notice answered = new Notice(accept ? Notice.Kind.CONTACT_REQUEST_ACCEPTED : Notice.Kind.CONTACT_REQUEST_DECLINED, params);
				return requests.respond(tenant.id(), request, me, caller.userId(), accept, response, conversations,
						db -> notices.record(db, tenant.id(), request.fromTenantId(), request.fromMemberId(), answered, link(request)))
					.map(ContactRequestPayload::ok)
					.defaultIfEmpty(ContactRequestPayload.error(UserError.of("INVALID_TRANSITION",
							"This request was answered meanwhile.")));
			});
	}

	/**
	 * Writes the request and its copy, then tells the receiver, in one transaction of the requester's
	 * chamber. The requester's company row is locked first, so concurrent requests cannot pass the
	 * daily cap together; the unique index refuses a second open request.
	 */
	private Mono<ContactRequestPayload> create(ContactRequest request, Member requester, Caller caller) {
		int cap = properties.dailyCap(requester.tier());
		ContactRequestPayload alreadyRequested = ContactRequestPayload.error(UserError.of("ALREADY_REQUESTED",
				"Your company already has an open request to this company" + (request.listingId() == null ? "." : " about this listing.")));
		UUID from = request.fromTenantId();
		return transactions.mono(from, db -> requests.lockAndCount(db, request).flatMap(counts -> {
			if (counts.open() > 0) {
				return Mono.just(alreadyRequested);
			}
			if (counts.today() >= cap) {
				return Mono.just(ContactRequestPayload.error(UserError.of("QUOTA_EXCEEDED", "A " + requester.tier()
						+ " company sends at most " + cap + " contact requests in 24 hours"
						+ (requester.tier() == MemberTier.FREE ? " (PREMIUM: " + properties.premiumDailyContactRequests() + ")." : "."))));
			}
			return requests.insert(db, request, caller.userId())
				.then(events.publish(db, List.of(new MatchmakingEvent.ContactRequestReceived(request.toTenantId(),
						request.toMemberId(), request.contactRequestId()))))
				.then(notices.record(db, from, request.toTenantId(), request.toMemberId(), new Notice(Notice.Kind.CONTACT_REQUEST_RECEIVED,
						Map.of("fromCompany", requester.name(), "message", request.message())), link(request)))
				.then(ContactRequestRepository.find(db, from, request.contactRequestId()))
				.map(ContactRequestPayload::ok);
		}))
			.onErrorResume(DataIntegrityViolationException.class, ex -> ex.getMessage() != null
					&& ex.getMessage().contains("contact_request_open") ? Mono.just(alreadyRequested) : Mono.error(ex));
	}

	/** The portal page of a contact request. */
	private static String link(ContactRequest request) {
		return "/contact-requests/" + GlobalId.of(ContactRequest.TYPE, request.fromTenantId(), request.contactRequestId()).encode();
	}

	/** A published, unexpired listing visible from this chamber, of an active company visible too. */
	private Mono<Target> listingTarget(Reader reader, GlobalId id) {
		ListingKey key = new ListingKey(id.tenantId(), id.localId());
		return catalog.visible(reader, List.of(key))
			.flatMap(found -> Mono.justOrEmpty(found.get(key)))
			.filter(l -> l.status() == ListingStatus.PUBLISHED && (l.expiresAt() == null || l.expiresAt().isAfter(OffsetDateTime.now())))
			.flatMap(l -> directory.visible(reader, new MemberKey(l.tenantId(), l.memberId())))
			.filter(Member::active)
			.map(m -> new Target(new MemberKey(m.tenantId(), m.memberId()), key));
	}

	private Mono<Target> memberTarget(Reader reader, GlobalId id) {
		return directory.visible(reader, new MemberKey(id.tenantId(), id.localId()))
			.filter(Member::active)
			.map(m -> new Target(new MemberKey(m.tenantId(), m.memberId()), null));
	}

	static ApiException notFound() {
		return new ApiException(ErrorCode.NOT_FOUND, "No such contact request for your company.");
	}

}
