package org.comptoir.api.matchmaking;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.GraphQLContext;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.Connections;
import org.comptoir.api.graphql.Connections.Connection;
import org.comptoir.api.graphql.Connections.Edge;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.graphql.NodeLoader;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.listing.Listing;
import org.comptoir.api.listing.ListingCatalog;
import org.comptoir.api.listing.ListingCatalog.ListingKey;
import org.comptoir.api.matchmaking.MatchmakingInputs.ContactRequestPayload;
import org.comptoir.api.matchmaking.MatchmakingInputs.RequestContactInput;
import org.comptoir.api.matchmaking.MatchmakingInputs.RespondToContactRequestInput;
import org.comptoir.api.member.Member;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.member.MemberDirectory.MemberKey;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * Mise en relation: a company asks another to get in touch, about a listing or directly; the company
 * asked accepts (a conversation opens) or declines. Only the two companies' users see a request.
 */
@Controller
class ContactController implements NodeLoader {

	private record Target(MemberKey member, ListingKey listing) {
	}

	private final ContactRequestRepository requests;

	private final ConversationRepository conversations;

	private final Participants participants;

	private final MemberDirectory directory;

	private final ListingCatalog catalog;

	private final MatchmakingProperties properties;

	ContactController(ContactRequestRepository requests, ConversationRepository conversations, Participants participants,
			MemberDirectory directory, ListingCatalog catalog, MatchmakingProperties properties) {
		this.requests = requests;
		this.conversations = conversations;
		this.participants = participants;
		this.directory = directory;
		this.catalog = catalog;
		this.properties = properties;
	}

	// ---- writing ---------------------------------------------------------------

	@MutationMapping
	Mono<ContactRequestPayload> requestContact(@Argument RequestContactInput input, GraphQLContext context, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		Caller caller = visit.signedIn();
		if ((input.listingId() == null) == (input.memberId() == null)) {
			return Mono.just(ContactRequestPayload.error(UserError.of("INVALID_TARGET",
					"Give either a listingId (its company is asked) or a memberId.", "input")));
		}
		GlobalId listingId = input.listingId() == null ? null : GlobalId.require(input.listingId(), Listing.TYPE, "input.listingId");
		GlobalId memberId = input.memberId() == null ? null : GlobalId.require(input.memberId(), Member.TYPE, "input.memberId");
		String message = trim(input.message());
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
							t.listing() == null ? null : t.listing().listingId(), message, "PENDING", null, null, null, null);
					int cap = properties.dailyCap(requester.tier());
					return requests.create(request, caller.userId(), cap).map(created -> {
						if (created.refusal() == ContactRequestRepository.Refusal.ALREADY_REQUESTED) {
							return ContactRequestPayload.error(UserError.of("ALREADY_REQUESTED",
									"Your company already has an open request to this company"
											+ (t.listing() == null ? "." : " about this listing.")));
						}
						if (created.refusal() == ContactRequestRepository.Refusal.QUOTA_EXCEEDED) {
							return ContactRequestPayload.error(UserError.of("QUOTA_EXCEEDED", "A " + requester.tier()
									+ " company sends at most " + cap + " contact requests in 24 hours"
									+ ("FREE".equals(requester.tier()) ? " (PREMIUM: " + properties.premiumDailyContactRequests() + ")." : ".")));
						}
						return ContactRequestPayload.ok(created.request());
					});
				});
			});
	}

	/** A published, unexpired listing visible from this chamber, of an active company visible too. */
	private Mono<Target> listingTarget(Reader reader, GlobalId id) {
		ListingKey key = new ListingKey(id.tenantId(), id.localId());
		return catalog.visible(reader, List.of(key))
			.flatMap(found -> Mono.justOrEmpty(found.get(key)))
			.filter(l -> "PUBLISHED".equals(l.status()) && (l.expiresAt() == null || l.expiresAt().isAfter(OffsetDateTime.now())))
			.flatMap(l -> directory.visible(reader, new MemberKey(l.tenantId(), l.memberId())))
			.filter(Member::active)
			.map(m -> new Target(new MemberKey(m.tenantId(), m.memberId()), key));
	}

	private Mono<Target> memberTarget(Reader reader, GlobalId id) {
		return directory.visible(reader, new MemberKey(id.tenantId(), id.localId()))
			.filter(Member::active)
			.map(m -> new Target(new MemberKey(m.tenantId(), m.memberId()), null));
	}

	@MutationMapping
	Mono<ContactRequestPayload> respondToContactRequest(@Argument RespondToContactRequestInput input, GraphQLContext context,
			Visit visit) {
		CurrentTenant tenant = visit.chamber();
		Caller caller = visit.signedIn();
		GlobalId id = GlobalId.require(input.contactRequestId(), ContactRequest.TYPE, "input.contactRequestId");
		String response = trim(input.message());
		if (response != null && response.length() > 2000) {
			return Mono.just(ContactRequestPayload.error(UserError.of("INVALID_MESSAGE",
					"The answer is limited to 2,000 characters.", "input", "message")));
		}
		boolean accept = Boolean.TRUE.equals(input.accept());
		return participants.company(context, visit)
			.flatMap(company -> requests.find(tenant.id(), id.localId())
				.filter(r -> r.fromTenantId().equals(id.tenantId()) && r.concerns(Participants.key(company)))
				.map(r -> new Object[] { r, company }))
			.switchIfEmpty(Mono.error(notFound()))
			.flatMap(found -> {
				ContactRequest request = (ContactRequest) found[0];
				MemberKey me = Participants.key((Member) found[1]);
				if (!request.to().equals(me)) {
					return Mono.error(ApiException.forbidden("Only the company asked answers a contact request."));
				}
				MemberDirectory.requireActive((Member) found[1], "answer contact requests");
				if (!"PENDING".equals(request.status())) {
					return Mono.just(ContactRequestPayload.error(UserError.of("INVALID_TRANSITION",
							"This request was " + request.status() + " already.")));
				}
				return requests.respond(tenant.id(), request, me, caller.userId(), accept, response, conversations)
					.map(ContactRequestPayload::ok)
					.defaultIfEmpty(ContactRequestPayload.error(UserError.of("INVALID_TRANSITION",
							"This request was answered meanwhile.")));
			});
	}

	// ---- reading ---------------------------------------------------------------

	@QueryMapping
	Mono<Connection<ContactRequest>> contactRequests(@Argument String box, @Argument Integer first, @Argument String after,
			GraphQLContext context, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		visit.signedIn();
		int size = Connections.pageSize(first, 20, 100);
		ContactRequestRepository.Cursor cursor = after == null ? null : ContactRequestRepository.Cursor.decode(after)
			.orElseThrow(() -> ApiException.badInput("Invalid cursor: " + after));
		return participants.company(context, visit)
			.flatMap(company -> requests.box(tenant.id(), company.memberId(), "INBOX".equals(box), size, cursor))
			.map(page -> Connection.of(page.requests().stream()
				.map(r -> new Edge<>(new ContactRequestRepository.Cursor(r.createdAt(), r.contactRequestId()).encode(), r))
				.toList(), page.hasNext(), cursor != null, page.totalCount()))
			.defaultIfEmpty(Connection.of(List.of(), false, false, 0));
	}

	@Override
	public String type() {
		return ContactRequest.TYPE;
	}

	/** The current chamber's copy, for the users of one of its two companies only. */
	@Override
	public Mono<ContactRequest> load(GlobalId id, GraphQLContext context) {
		Visit visit = Visit.of(context);
		CurrentTenant tenant = visit.chamber();
		return participants.company(context, visit)
			.flatMap(company -> requests.find(tenant.id(), id.localId())
				.filter(r -> r.fromTenantId().equals(id.tenantId()) && r.concerns(Participants.key(company))));
	}

	@BatchMapping(typeName = "ContactRequest")
	Mono<Map<ContactRequest, Member>> from(List<ContactRequest> batch, GraphQLContext context) {
		return members(batch, ContactRequest::from, context);
	}

	@BatchMapping(typeName = "ContactRequest")
	Mono<Map<ContactRequest, Member>> to(List<ContactRequest> batch, GraphQLContext context) {
		return members(batch, ContactRequest::to, context);
	}

	private Mono<Map<ContactRequest, Member>> members(List<ContactRequest> batch, Function<ContactRequest, MemberKey> side,
			GraphQLContext context) {
		return directory.reader(context, Visit.of(context))
			.flatMap(reader -> directory.visible(reader, batch.stream().map(side).distinct().toList()))
			.map(found -> {
				Map<ContactRequest, Member> result = new LinkedHashMap<>();
				batch.forEach(r -> Optional.ofNullable(found.get(side.apply(r))).ifPresent(m -> result.put(r, m)));
				return result;
			});
	}

	/** Null once the listing is closed or expired and no longer visible. */
	@BatchMapping(typeName = "ContactRequest")
	Mono<Map<ContactRequest, Listing>> listing(List<ContactRequest> batch, GraphQLContext context) {
		List<ListingKey> keys = batch.stream().filter(r -> r.listingId() != null)
			.map(r -> new ListingKey(r.listingTenantId(), r.listingId())).distinct().toList();
		return directory.reader(context, Visit.of(context)).flatMap(reader -> catalog.visible(reader, keys)).map(found -> {
			Map<ContactRequest, Listing> result = new LinkedHashMap<>();
			batch.forEach(r -> {
				if (r.listingId() != null) {
					Optional.ofNullable(found.get(new ListingKey(r.listingTenantId(), r.listingId()))).ifPresent(l -> result.put(r, l));
				}
			});
			return result;
		});
	}

	@BatchMapping(typeName = "ContactRequest")
	Mono<Map<ContactRequest, Conversation>> conversation(List<ContactRequest> batch, GraphQLContext context) {
		List<ContactRequest> accepted = batch.stream().filter(r -> r.conversationId() != null).toList();
		if (accepted.isEmpty()) {
			return Mono.just(Map.of());
		}
		return conversations.findAll(Visit.of(context).chamber().id(), accepted.stream().map(ContactRequest::fromTenantId).toList(),
				accepted.stream().map(ContactRequest::conversationId).toList())
			.collectMap(Conversation::conversationId, Function.identity())
			.map(found -> accepted.stream().filter(r -> found.containsKey(r.conversationId()))
				.collect(Collectors.toMap(Function.identity(), r -> found.get(r.conversationId()), (a, b) -> a, LinkedHashMap::new)));
	}

	private static ApiException notFound() {
		return new ApiException(ErrorCode.NOT_FOUND, "No such contact request for your company.");
	}

	private static String trim(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

}
