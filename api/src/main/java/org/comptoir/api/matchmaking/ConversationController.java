package org.comptoir.api.matchmaking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import graphql.GraphQLContext;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.Connections.Connection;
import org.comptoir.api.graphql.Connections.Edge;
import org.comptoir.api.graphql.Connections;
import org.comptoir.api.graphql.Cursors;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.graphql.NodeLoader;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.matchmaking.MatchmakingInputs.MessagePayload;
import org.comptoir.api.matchmaking.MatchmakingInputs.SendMessageInput;
import org.comptoir.api.member.Member;
import org.comptoir.api.member.MemberDirectory.MemberKey;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.notices.Notice;
import org.comptoir.api.notices.Notifications;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Conversations between two companies: their users, and no one else, read and write them. */
@Controller
record ConversationController(ConversationRepository conversations, ContactRequestRepository requests, Participants participants, MemberDirectory directory,
		Notifications notices) {

	@MutationMapping
	Mono<MessagePayload> sendMessage(@Argument SendMessageInput input, GraphQLContext context, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		Caller caller = visit.signedIn();
		GlobalId id = GlobalId.require(input.conversationId(), Conversation.TYPE, "input.conversationId");
		String body = input.body() == null ? "" : input.body().trim();
		return readable(context, visit, id)
			.switchIfEmpty(Mono.error(notFound()))
			.flatMap(found -> {
				if (body.isEmpty() || body.length() > 5000) {
					return Mono.just(MessagePayload.error(UserError.of("INVALID_BODY", "Write 1 to 5,000 characters.", "input", "body")));
				}
				return participants.company(context, visit)
					.map(company -> MemberDirectory.requireActive(company, "write messages"))
					.flatMap(company -> conversations.send(tenant.id(), id.tenantId(), id.localId(), Participants.key(company),
							caller.userId(), body, db -> told(db, tenant.id(), found, company, body)))
					.map(message -> new MessagePayload(message, List.of()));
			});
	}

	/** The other company's users told of the message, in its transaction. */
	private Mono<Void> told(DatabaseClient db, UUID writer, Conversation conversation, Member author, String body) {
		MemberKey to = conversation.participants().stream().filter(p -> !p.equals(Participants.key(author))).findFirst().orElseThrow();
		return notices.record(db, writer, to.tenantId(), to.memberId(), new Notice(Notice.Kind.MESSAGE_RECEIVED,
				Map.of("fromCompany", author.name(), "message", body)),
				"/conversations/" + GlobalId.of(Conversation.TYPE, conversation.tenantId(), conversation.conversationId()).encode());
	}

	/** A conversation, if the caller acts for one of its two companies. */
	Mono<Conversation> readable(GraphQLContext context, Visit visit, GlobalId id) {
		return participants.company(context, visit)
			.flatMap(company -> conversations.find(visit.chamber().id(), id.tenantId(), id.localId())
				.filter(c -> c.hasParticipant(Participants.key(company))));
	}

	@BatchMapping(typeName = "Conversation")
	Mono<Map<Conversation, List<Member>>> participants(List<Conversation> batch, GraphQLContext context) {
		return reader(context).flatMap(reader -> directory.visible(reader,
				batch.stream().flatMap(c -> c.participants().stream()).distinct().toList()))
			.map(found -> {
				Map<Conversation, List<Member>> result = new LinkedHashMap<>();
				batch.forEach(c -> result.put(c, c.participants().stream().map(found::get).filter(Objects::nonNull).toList()));
				return result;
			});
	}

	/** Oldest first, in the order the messages were sent; {@code after} is a message's cursor. */
	@SchemaMapping(typeName = "Conversation")
	Mono<Connection<Message>> messages(Conversation conversation, @Argument Integer first, @Argument String after,
			CurrentTenant chamber) {
		int size = Connections.pageSize(first, 50, 200);
		long afterSeq = after == null ? 0 : seqOf(after);
		return conversations.messages(chamber.id(), conversation.tenantId(), conversation.conversationId(),
				size, afterSeq)
			.map(page -> Connection.of(page.messages().stream().map(m -> new Edge<>(cursor(m), m)).toList(), page.hasNext(),
					afterSeq > 0, (int) conversation.lastSeq()));
	}

	@SchemaMapping(typeName = "Conversation")
	Mono<ContactRequest> contactRequest(Conversation conversation, CurrentTenant chamber) {
		return requests.find(chamber.id(), conversation.contactRequestId());
	}

	@BatchMapping(typeName = "Message")
	Mono<Map<Message, Member>> author(List<Message> batch, GraphQLContext context) {
		return reader(context)
			.flatMap(reader -> directory.visible(reader, batch.stream().map(Message::author).distinct().toList()))
			.map(found -> {
				Map<Message, Member> result = new LinkedHashMap<>();
				batch.forEach(m -> Optional.ofNullable(found.get(m.author())).ifPresent(member -> result.put(m, member)));
				return result;
			});
	}

	/** Who the request reads for: the other side of a conversation is visible to the two companies only. */
	private Mono<Reader> reader(GraphQLContext context) {
		return directory.reader(context, Visit.of(context));
	}

	static String cursor(Message message) {
		return Cursors.encode(message.seq());
	}

	private static long seqOf(String cursor) {
		return Cursors.require(cursor, 1, v -> Long.parseLong(v.get(0)));
	}

	static ApiException notFound() {
		return new ApiException(ErrorCode.NOT_FOUND, "No such conversation for your company.");
	}

	/** {@code node(id:)} for conversations: their two companies' users only. */
	@Component
	record ConversationNodes(ConversationController conversations) implements NodeLoader {

		@Override
		public String type() {
			return Conversation.TYPE;
		}

		@Override
		public Mono<Conversation> load(GlobalId id, GraphQLContext context) {
			return conversations.readable(context, Visit.of(context), id);
		}

	}

	/** {@code node(id:)} for messages: their conversation's two companies' users only. */
	@Component
	record MessageNodes(ConversationRepository conversations, Participants participants) implements NodeLoader {

		@Override
		public String type() {
			return Message.TYPE;
		}

		@Override
		public Mono<Message> load(GlobalId id, GraphQLContext context) {
			Visit visit = Visit.of(context);
			return participants.company(context, visit)
				.flatMap(company -> conversations.message(visit.chamber().id(), id.tenantId(), id.localId())
					.filter(found -> found.conversation().hasParticipant(Participants.key(company)))
					.map(ConversationRepository.MessageInConversation::message));
		}

	}

}
