package org.comptoir.api.matchmaking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.GraphQLContext;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.Connections;
import org.comptoir.api.graphql.Connections.Connection;
import org.comptoir.api.graphql.Connections.Edge;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.graphql.NodeLoader;
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
record ContactController(ContactRequestRepository requests, ConversationRepository conversations, Participants participants, MemberDirectory directory, ListingCatalog catalog, ContactService contacts) implements NodeLoader {

	// ---- writing ---------------------------------------------------------------

	@MutationMapping
	Mono<ContactRequestPayload> requestContact(@Argument RequestContactInput input, GraphQLContext context, Visit visit) {
		return contacts.request(context, visit, input);
	}

	@MutationMapping
	Mono<ContactRequestPayload> respondToContactRequest(@Argument RespondToContactRequestInput input, GraphQLContext context,
			Visit visit) {
		return contacts.respond(context, visit, input);
	}

	// ---- reading ---------------------------------------------------------------

	@QueryMapping
	Mono<Connection<ContactRequest>> contactRequests(@Argument ContactBox box, @Argument Integer first, @Argument String after,
			GraphQLContext context, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		visit.signedIn();
		int size = Connections.pageSize(first, 20, 100);
		ContactRequestRepository.Cursor cursor = after == null ? null : ContactRequestRepository.Cursor.decode(after)
			.orElseThrow(() -> ApiException.badInput("Invalid cursor: " + after));
		return participants.company(context, visit)
			.flatMap(company -> requests.box(tenant.id(), company.memberId(), box == ContactBox.INBOX, size, cursor))
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

}
