package org.comptoir.api.matchmaking;

import java.util.List;
import java.util.function.BiFunction;

import graphql.GraphQLContext;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.listing.ListingCatalog;
import org.comptoir.api.listing.ListingCatalog.ListingKey;
import org.comptoir.api.matchmaking.MatchmakingInputs.MatchFound;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.member.MemberDirectory.MemberKey;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The live updates, over WebSocket. Each event (ids only, from any instance) is read again from
 * the subscriber's chamber with the subscriber's rights before it is sent. A subscription the
 * caller may not have ends at once with an error (checks run inside the stream, so the client gets
 * an {@code error} message with the contract code), never as a silent stream.
 */
@Controller
record SubscriptionController(MatchmakingEvents events, Participants participants, ConversationRepository conversations, ContactRequestRepository requests, ListingCatalog catalog, MemberDirectory directory) {

	/** New messages of a conversation of the caller's company. */
	@SubscriptionMapping
	Flux<Message> messageAdded(@Argument String conversationId, Visit visit) {
		return Flux.defer(() -> messages(conversationId, visit));
	}

	private Flux<Message> messages(String conversationId, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		Caller caller = visit.signedIn();
		GlobalId id = GlobalId.require(conversationId, Conversation.TYPE, "conversationId");
		Mono<MemberKey> access = participants.company(tenant, caller)
			.flatMap(company -> conversations.find(tenant.id(), id.tenantId(), id.localId())
				.filter(c -> c.hasParticipant(Participants.key(company)))
				.map(c -> Participants.key(company)))
			.switchIfEmpty(Mono.error(ConversationController.notFound()))
			.cache();
		Flux<Message> messages = events.events(MatchmakingEvent.MessageAdded.class)
			.filter(e -> e.homeTenantId().equals(id.tenantId()) && e.conversationId().equals(id.localId()))
			.concatMap(e -> access.flatMap(me -> conversations.message(tenant.id(), e.homeTenantId(), e.messageId())
				.filter(found -> found.conversation().hasParticipant(me))
				.map(ConversationRepository.MessageInConversation::message)));
		return gated(access, messages);
	}

	/** Contact requests sent to the caller's company. */
	@SubscriptionMapping
	Flux<ContactRequest> contactRequestReceived(Visit visit) {
		return companyEvents(visit, MatchmakingEvent.ContactRequestReceived.class,
				(e, me) -> requests.find(visit.chamber().id(), e.contactRequestId()).filter(r -> r.to().equals(me)));
	}

	/** Newly published listings that fit one of the caller's company's listings. */
	@SubscriptionMapping
	Flux<MatchFound> matchFound(GraphQLContext context, Visit visit) {
		return companyEvents(visit, MatchmakingEvent.MatchFound.class, (e, me) -> {
			ListingKey own = new ListingKey(e.tenantId(), e.listingId());
			ListingKey match = new ListingKey(e.matchTenantId(), e.matchListingId());
			return directory.reader(context, visit).flatMap(reader -> catalog.visible(reader, List.of(own, match)))
				.filter(both -> both.containsKey(own) && both.containsKey(match)
						&& both.get(own).memberId().equals(me.memberId()))
				.map(both -> new MatchFound(both.get(own), both.get(match), e.score()));
		});
	}

	/** The events of one kind for the caller's company, each read again (by {@code read}) with the caller's rights. */
	private <E extends MatchmakingEvent.ForCompany, T> Flux<T> companyEvents(Visit visit, Class<E> kind,
			BiFunction<E, MemberKey, Mono<T>> read) {
		return Flux.defer(() -> {
			CurrentTenant tenant = visit.chamber();
			Mono<MemberKey> access = company(tenant, visit.signedIn());
			Flux<T> found = events.events(kind)
				.filter(e -> e.tenantId().equals(tenant.id()))
				.concatMap(e -> access.filter(me -> me.memberId().equals(e.memberId())).flatMap(me -> read.apply(e, me)));
			return gated(access, found);
		});
	}

	private Mono<MemberKey> company(CurrentTenant tenant, Caller caller) {
		return participants.company(tenant, caller)
			.map(Participants::key)
			.switchIfEmpty(Mono.error(ApiException.forbidden("You act for no company in this chamber.")))
			.cache();
	}

	/**
	 * Listens at once, so nothing published after the subscribe is missed, while the access check
	 * runs; an access refused ends the stream with its error before any event.
	 */
	private static <T> Flux<T> gated(Mono<MemberKey> access, Flux<T> stream) {
		return Flux.merge(access.then(Mono.<T>empty()), stream);
	}
}
