package org.comptoir.api.matchmaking;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.r2dbc.spi.Readable;
import org.comptoir.api.database.Sql;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.graphql.Cursors;
import org.comptoir.api.member.MemberDirectory.MemberKey;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Contact requests: one copy in each participating chamber's partition, written together; every
 * read names the current chamber's own copy ({@code tenant_id = :current}), the first wall, while
 * row-level security lets only the two participant chambers at either copy.
 */
@Repository
class ContactRequestRepository {

	/** Keyset position in a box: newest first. */
	record Cursor(OffsetDateTime createdAt, UUID id) {

		String encode() {
			return Cursors.encode(createdAt, id);
		}

		static Optional<Cursor> decode(String cursor) {
			return Cursors.decode(cursor, 2, v -> new Cursor(OffsetDateTime.parse(v.get(0)), UUID.fromString(v.get(1))));
		}
	}

	record Page(List<ContactRequest> requests, boolean hasNext, int totalCount) {
	}

	static final String COLUMNS = """
			c.tenant_id, c.contact_request_id, c.from_tenant_id, c.from_member_id, c.to_tenant_id, c.to_member_id,
			c.listing_tenant_id, c.listing_id, c.message, c.status, c.response, c.responded_at, c.conversation_id,
			c.created_at""";

	private final TenantTransactions transactions;

	ContactRequestRepository(TenantTransactions transactions) {
		this.transactions = transactions;
	}

	/** The requester's requests today, and its open ones to the same company and listing. */
	record Counts(long today, long open) {
	}

	/**
	 * Locks the requester's company row (so concurrent requests are counted one after the other) and
	 * counts its requests, in the caller's transaction.
	 */
	Mono<Counts> lockAndCount(DatabaseClient db, ContactRequest request) {
		UUID from = request.fromTenantId();
		return db.sql("SELECT 1 FROM member WHERE tenant_id = :tenant AND member_id = :member FOR UPDATE")
			.bind("tenant", from).bind("member", request.fromMemberId())
			.fetch().rowsUpdated()
			.then(db.sql("""
					SELECT count(*) FILTER (WHERE created_at > now() - interval '1 day') AS today,
					       count(*) FILTER (WHERE status = 'PENDING' AND to_tenant_id = :toTenant AND to_member_id = :toMember
					                        AND coalesce(listing_id, '00000000-0000-0000-0000-000000000000') = :listing) AS open
					FROM contact_request WHERE tenant_id = :tenant AND from_tenant_id = :tenant AND from_member_id = :member""")
				.bind("tenant", from).bind("member", request.fromMemberId())
				.bind("toTenant", request.toTenantId()).bind("toMember", request.toMemberId())
				.bind("listing", request.listingId() == null ? new UUID(0, 0) : request.listingId())
				.map(row -> new Counts(row.get("today", Long.class), row.get("open", Long.class)))
				.one());
	}

	/** Writes a request in the requester's chamber, and its copy in the receiver's when that is another. */
	Mono<Void> insert(DatabaseClient db, ContactRequest request, UUID userId) {
		UUID from = request.fromTenantId();
		Mono<Void> copies = insert(db, request, from, request.toTenantId(), userId);
		return request.toTenantId().equals(from) ? copies : copies.then(insert(db, request, request.toTenantId(), from, userId));
	}

	private static Mono<Void> insert(DatabaseClient db, ContactRequest r, UUID tenant, UUID peer, UUID userId) {
		Sql sql = new Sql("""
				INSERT INTO contact_request (tenant_id, contact_request_id, peer_tenant_id, from_tenant_id, from_member_id,
				  from_user_id, to_tenant_id, to_member_id, listing_tenant_id, listing_id, message)
				VALUES (:tenant, :id, :peer, :fromTenant, :fromMember, :user, :toTenant, :toMember, :listingTenant, :listing, :message)""")
			.bind("tenant", tenant).bind("id", r.contactRequestId()).bind("peer", peer)
			.bind("fromTenant", r.fromTenantId()).bind("fromMember", r.fromMemberId()).bind("user", userId)
			.bind("toTenant", r.toTenantId()).bind("toMember", r.toMemberId()).bind("message", r.message());
		DatabaseClient.GenericExecuteSpec spec = sql.on(db);
		spec = r.listingId() == null ? spec.bindNull("listingTenant", UUID.class).bindNull("listing", UUID.class)
				: spec.bind("listingTenant", r.listingTenantId()).bind("listing", r.listingId());
		return spec.fetch().rowsUpdated().then();
	}

	/** The current chamber's copy of a request; empty if it has none. */
	Mono<ContactRequest> find(UUID current, UUID id) {
		return transactions.read(current, db -> find(db, current, id));
	}

	/** The same, in the caller's transaction. */
	static Mono<ContactRequest> find(DatabaseClient db, UUID current, UUID id) {
		return db.sql("SELECT " + COLUMNS + " FROM contact_request c WHERE c.tenant_id = :current AND c.contact_request_id = :id")
			.bind("current", current).bind("id", id)
			.map(ContactRequestRepository::map)
			.one();
	}

	/** Several requests of the current chamber, in one statement. */
	Flux<ContactRequest> findAll(UUID current, Collection<UUID> ids) {
		return transactions.readMany(current, db -> db.sql("SELECT " + COLUMNS
				+ " FROM contact_request c WHERE c.tenant_id = :current AND c.contact_request_id = ANY(:ids)")
			.bind("current", current).bind("ids", ids.toArray(UUID[]::new))
			.map(ContactRequestRepository::map)
			.all());
	}

	/** A company's received (inbox) or sent (outbox) requests, newest first, and how many in all. */
	Mono<Page> box(UUID current, UUID memberId, boolean inbox, int first, Cursor after) {
		String side = inbox ? "to" : "from";
		Sql filter = new Sql(" FROM contact_request c WHERE c.tenant_id = :current AND c." + side + "_tenant_id = :current AND c."
				+ side + "_member_id = :member").bind("current", current).bind("member", memberId);
		Sql count = new Sql("SELECT count(*) AS n").append(filter);
		Sql page = new Sql("SELECT " + COLUMNS).append(filter);
		if (after != null) {
			page.append(" AND (c.created_at, c.contact_request_id) < (:afterAt, :afterId)")
				.bind("afterAt", after.createdAt()).bind("afterId", after.id());
		}
		page.append(" ORDER BY c.created_at DESC, c.contact_request_id DESC LIMIT :limit").bind("limit", first + 1);
		return transactions.read(current, db -> page.on(db).map(ContactRequestRepository::map).all().collectList()
			.zipWith(count.on(db).map(row -> row.get("n", Long.class).intValue()).one())
			.map(both -> {
				List<ContactRequest> rows = both.getT1();
				boolean hasNext = rows.size() > first;
				return new Page(hasNext ? rows.subList(0, first) : rows, hasNext, both.getT2());
			}));
	}

	/**
	 * The receiver's answer, on both copies; an acceptance opens the conversation in the requester's
	 * chamber, with the answer as its first message. Empty when the request is no longer pending.
	 */
	Mono<ContactRequest> respond(UUID current, ContactRequest request, MemberKey responder, UUID userId, boolean accept,
			String response, ConversationRepository conversations, Function<DatabaseClient, Mono<Void>> alongside) {
		UUID conversationId = accept ? UUID.randomUUID() : null;
		return transactions.mono(current, db -> {
			DatabaseClient.GenericExecuteSpec update = db.sql("""
					UPDATE contact_request SET status = :status, response = :response, responded_at = now(),
					  conversation_id = :conversation
					WHERE tenant_id = ANY(:tenants) AND contact_request_id = :id AND status = 'PENDING'""")
				.bind("status", (accept ? ContactRequestStatus.ACCEPTED : ContactRequestStatus.DECLINED).name())
				.bind("tenants", new UUID[] { request.fromTenantId(), request.toTenantId() })
				.bind("id", request.contactRequestId());
			update = response == null ? update.bindNull("response", String.class) : update.bind("response", response);
			update = conversationId == null ? update.bindNull("conversation", UUID.class) : update.bind("conversation", conversationId);
			return update.fetch().rowsUpdated().filter(rows -> rows > 0).flatMap(rows -> alongside.apply(db).thenReturn(rows)).flatMap(rows -> {
				if (!accept) {
					return find(db, current, request.contactRequestId());
				}
				Conversation conversation = new Conversation(request.fromTenantId(), conversationId, request.toTenantId(),
						request.contactRequestId(), request.fromMemberId(), request.toMemberId(), 0, null);
				Mono<Void> opened = conversations.insert(db, conversation);
				if (response != null) {
					opened = opened.then(conversations.append(db, conversation.tenantId(), conversationId, responder, userId, response)).then();
				}
				return opened.then(find(db, current, request.contactRequestId()));
			});
		});
	}

	/** Requests sent or received by the chamber's companies in the last {@code days} days. */
	Mono<Integer> countSince(UUID tenantId, int days) {
		return transactions.mono(tenantId, db -> db.sql("""
				SELECT count(*) AS n FROM contact_request
				WHERE tenant_id = :tenant AND created_at > now() - make_interval(days => :days)""")
			.bind("tenant", tenantId).bind("days", days)
			.map(row -> row.get("n", Long.class).intValue())
			.one());
	}

	static ContactRequest map(Readable row) {
		return new ContactRequest(row.get("tenant_id", UUID.class), row.get("contact_request_id", UUID.class),
				row.get("from_tenant_id", UUID.class), row.get("from_member_id", UUID.class), row.get("to_tenant_id", UUID.class),
				row.get("to_member_id", UUID.class), row.get("listing_tenant_id", UUID.class), row.get("listing_id", UUID.class),
				row.get("message", String.class), ContactRequestStatus.valueOf(row.get("status", String.class)), row.get("response", String.class),
				row.get("responded_at", OffsetDateTime.class), row.get("conversation_id", UUID.class),
				row.get("created_at", OffsetDateTime.class));
	}

}
