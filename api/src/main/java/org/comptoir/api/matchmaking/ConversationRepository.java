package org.comptoir.api.matchmaking;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.r2dbc.spi.Readable;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.member.MemberDirectory.MemberKey;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Conversations and their messages, in the requester's chamber (the "home" named by their global
 * ids). Each read names the home partition; row-level security lets the two participant chambers
 * in, and the callers check the company.
 */
@Repository
class ConversationRepository {

	record MessagePage(List<Message> messages, boolean hasNext) {
	}

	/** A message with its conversation's participants, to check who may read it in the same statement. */
	record MessageInConversation(Message message, Conversation conversation) {
	}

	static final String COLUMNS = """
			v.tenant_id, v.conversation_id, v.peer_tenant_id, v.contact_request_id, v.member_id, v.peer_member_id,
			v.last_seq, v.created_at""";

	static final String MESSAGE_COLUMNS = """
			m.tenant_id AS m_tenant_id, m.message_id, m.conversation_id AS m_conversation_id, m.seq, m.author_tenant_id,
			m.author_member_id, m.body, m.sent_at""";

	private final TenantTransactions transactions;

	private final MatchmakingEvents events;

	ConversationRepository(TenantTransactions transactions, MatchmakingEvents events) {
		this.transactions = transactions;
		this.events = events;
	}

	Mono<Void> insert(DatabaseClient db, Conversation c) {
		return db.sql("""
				INSERT INTO conversation (tenant_id, conversation_id, peer_tenant_id, contact_request_id, member_id, peer_member_id)
				VALUES (:tenant, :id, :peer, :request, :member, :peerMember)""")
			.bind("tenant", c.tenantId()).bind("id", c.conversationId()).bind("peer", c.peerTenantId())
			.bind("request", c.contactRequestId()).bind("member", c.memberId()).bind("peerMember", c.peerMemberId())
			.fetch().rowsUpdated().then();
	}

	/** A conversation as the current chamber may read it; empty if it may not. */
	Mono<Conversation> find(UUID current, UUID home, UUID id) {
		return transactions.read(current, db -> db.sql("SELECT " + COLUMNS
				+ " FROM conversation v WHERE v.tenant_id = :home AND v.conversation_id = :id")
			.bind("home", home).bind("id", id)
			.map(ConversationRepository::map)
			.one());
	}

	/** Conversations of several homes in one statement (a page of contact requests). */
	Flux<Conversation> findAll(UUID current, Collection<UUID> homes, Collection<UUID> ids) {
		return transactions.readMany(current, db -> db.sql("SELECT " + COLUMNS
				+ " FROM conversation v WHERE v.tenant_id = ANY(:homes) AND v.conversation_id = ANY(:ids)")
			.bind("homes", homes.stream().distinct().toArray(UUID[]::new)).bind("ids", ids.toArray(UUID[]::new))
			.map(ConversationRepository::map)
			.all());
	}

	/** Adds a message to a conversation the current chamber may write to; empty if it may not. */
	Mono<Message> send(UUID current, UUID home, UUID conversationId, MemberKey author, UUID userId, String body,
			Function<DatabaseClient, Mono<Void>> alongside) {
		return transactions.mono(current, db -> append(db, home, conversationId, author, userId, body)
			.flatMap(message -> alongside.apply(db).thenReturn(message)));
	}

	/**
	 * Takes the conversation's next number under its row lock, so concurrent senders (from either
	 * chamber) get distinct, gap-free numbers in commit order; then tells the subscribers.
	 */
	Mono<Message> append(DatabaseClient db, UUID home, UUID conversationId, MemberKey author, UUID userId, String body) {
		UUID messageId = UUID.randomUUID();
		return db.sql("""
				UPDATE conversation SET last_seq = last_seq + 1, last_message_at = clock_timestamp()
				WHERE tenant_id = :home AND conversation_id = :id RETURNING last_seq, peer_tenant_id""")
			.bind("home", home).bind("id", conversationId)
			.map(row -> new Object[] { row.get("last_seq", Long.class), row.get("peer_tenant_id", UUID.class) })
			.one()
			.flatMap(next -> db.sql("""
					INSERT INTO message (tenant_id, message_id, conversation_id, peer_tenant_id, seq, author_tenant_id,
					  author_member_id, author_user_id, body)
					VALUES (:home, :id, :conversation, :peer, :seq, :authorTenant, :authorMember, :user, :body)
					RETURNING tenant_id AS m_tenant_id, message_id, conversation_id AS m_conversation_id, seq, author_tenant_id,
					  author_member_id, body, sent_at""")
				.bind("home", home).bind("id", messageId).bind("conversation", conversationId).bind("peer", next[1])
				.bind("seq", next[0]).bind("authorTenant", author.tenantId()).bind("authorMember", author.memberId())
				.bind("user", userId).bind("body", body)
				.map(ConversationRepository::mapMessage)
				.one())
			.flatMap(message -> events.publish(db, List.of(new MatchmakingEvent.MessageAdded(home, conversationId, messageId)))
				.thenReturn(message));
	}

	/** A conversation's messages in order, after a given number. */
	Mono<MessagePage> messages(UUID current, UUID home, UUID conversationId, int first, long afterSeq) {
		return transactions.read(current, db -> db.sql("SELECT " + MESSAGE_COLUMNS + """
				 FROM message m WHERE m.tenant_id = :home AND m.conversation_id = :id AND m.seq > :after
				ORDER BY m.seq LIMIT :limit""")
			.bind("home", home).bind("id", conversationId).bind("after", afterSeq).bind("limit", first + 1)
			.map(ConversationRepository::mapMessage)
			.all()
			.collectList()
			.map(rows -> new MessagePage(rows.size() > first ? rows.subList(0, first) : rows, rows.size() > first)));
	}

	/** One message with its conversation, as the current chamber may read them. */
	Mono<MessageInConversation> message(UUID current, UUID home, UUID messageId) {
		return transactions.read(current, db -> db.sql("SELECT " + MESSAGE_COLUMNS + ", " + COLUMNS + """
				 FROM message m JOIN conversation v ON v.tenant_id = m.tenant_id AND v.conversation_id = m.conversation_id
				WHERE m.tenant_id = :home AND m.message_id = :id""")
			.bind("home", home).bind("id", messageId)
			.map(row -> new MessageInConversation(mapMessage(row), map(row)))
			.one());
	}

	static Conversation map(Readable row) {
		return new Conversation(row.get("tenant_id", UUID.class), row.get("conversation_id", UUID.class),
				row.get("peer_tenant_id", UUID.class), row.get("contact_request_id", UUID.class), row.get("member_id", UUID.class),
				row.get("peer_member_id", UUID.class), row.get("last_seq", Long.class), row.get("created_at", OffsetDateTime.class));
	}

	static Message mapMessage(Readable row) {
		return new Message(row.get("m_tenant_id", UUID.class), row.get("message_id", UUID.class),
				row.get("m_conversation_id", UUID.class), row.get("seq", Long.class), row.get("author_tenant_id", UUID.class),
				row.get("author_member_id", UUID.class), row.get("body", String.class), row.get("sent_at", OffsetDateTime.class));
	}

}
