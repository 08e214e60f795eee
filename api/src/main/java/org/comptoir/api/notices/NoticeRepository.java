package org.comptoir.api.notices;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.comptoir.api.database.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Notices recorded, routed to each user of the company, their deliveries, and users' settings (V21). */
@Repository
class NoticeRepository {

	/** A notice as recorded in the writer's chamber. */
	record Event(UUID tenantId, UUID eventId, UUID toTenantId, UUID toMemberId, String kind, String params, String link) {
	}

	/** A user's notification, as the portal's bell shows it. */
	record Notification(UUID tenantId, UUID notificationId, String kind, Map<String, String> params, String link,
			OffsetDateTime createdAt, @Nullable OffsetDateTime readAt, @Nullable String emailStatus) {
	}

	/** A claimed e-mail delivery, with what it says and to whom. */
	record Delivery(UUID tenantId, UUID notificationId, String address, int attempts, String kind, Map<String, String> params,
			String link, @Nullable String locale, UUID unsubscribeToken) {
	}

	/** A delivery as a chamber's admins see it. */
	record DeliveryStatus(UUID notificationId, String kind, String address, String status, int attempts, @Nullable String lastError,
			OffsetDateTime createdAt, @Nullable OffsetDateTime sentAt) {
	}

	/** @param emailOffReason why e-mail is off: UNSUBSCRIBED (the user), BOUNCES (the address refused) */
	record Setting(String email, @Nullable String locale, @Nullable String emailOffReason) {
	}

	/** Notices routed by one statement's worth of reading. */
	static final int ROUTE_BATCH = 100;

	/** The channel of new notifications: {@code <tenant> <user> <notification>}. */
	static final String ADDED = "comptoir_notices_added";

	private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
	};

	private final TenantTransactions transactions;

	private final JsonMapper mapper;

	NoticeRepository(TenantTransactions transactions, JsonMapper mapper) {
		this.transactions = transactions;
		this.mapper = mapper;
	}

	// routing

	Flux<Event> unrouted(UUID tenantId) {
		return transactions.readMany(tenantId, db -> db.sql("""
				SELECT tenant_id, event_id, to_tenant_id, to_member_id, kind, params::text AS params, link FROM notification_event
				WHERE tenant_id = :tenant AND routed_at IS NULL ORDER BY created_at LIMIT :limit""")
			.bind("tenant", tenantId).bind("limit", ROUTE_BATCH)
			.map(row -> new Event(row.get("tenant_id", UUID.class), row.get("event_id", UUID.class), row.get("to_tenant_id", UUID.class),
					row.get("to_member_id", UUID.class), row.get("kind", String.class), row.get("params", String.class),
					row.get("link", String.class)))
			.all());
	}

	/**
	 * The event's notification for each user of the company, in the recipient's chamber, and an e-mail
	 * delivery for each whose e-mail is on (CAPPED past {@code capPerHour} to its address: a flood of
	 * requests does not become a flood of e-mail); ids derived from the event and the user, so routing
	 * again writes nothing new. Each new notification is told on {@link #ADDED} when this commits (the bell's
	 * subscription).
	 */
	Mono<Void> route(Event event, int capPerHour) {
		return transactions.mono(event.toTenantId(), db -> db.sql("""
				WITH users AS (SELECT user_id, email FROM member_users(:tenant, :member)),
				     settings AS (INSERT INTO notification_setting (tenant_id, user_id) SELECT :tenant, user_id FROM users
				                  ON CONFLICT DO NOTHING),
				     added AS (INSERT INTO notification (tenant_id, notification_id, event_id, user_id, member_id, kind, params, link)
				               SELECT :tenant, md5(:event::text || u.user_id::text)::uuid, :event, u.user_id, :member, :kind, :params::jsonb, :link
				               FROM users u
				               ON CONFLICT DO NOTHING
				               RETURNING notification_id, user_id),
				     delivered AS (
				  INSERT INTO notification_delivery (tenant_id, notification_id, channel, address, status)
				  SELECT :tenant, a.notification_id, 'EMAIL', u.email,
				         CASE WHEN (SELECT count(*) FROM notification_delivery d WHERE d.tenant_id = :tenant AND d.address = u.email
				                    AND d.created_at > now() - interval '1 hour') >= :cap THEN 'CAPPED' ELSE 'PENDING' END
				  FROM added a JOIN users u USING (user_id)
				  WHERE coalesce((SELECT s.email FROM notification_setting s WHERE s.tenant_id = :tenant AND s.user_id = a.user_id), 'INSTANT') = 'INSTANT'
				  ON CONFLICT DO NOTHING)
				SELECT pg_notify(:added, :tenant::text || ' ' || a.user_id::text || ' ' || a.notification_id::text) FROM added a""")
			.bind("tenant", event.toTenantId()).bind("cap", capPerHour).bind("added", ADDED).bind("member", event.toMemberId()).bind("event", event.eventId())
			.bind("kind", event.kind()).bind("params", event.params()).bind("link", event.link())
			.fetch().all().then());
	}

	Mono<Void> routed(Event event) {
		return transactions.mono(event.tenantId(), db -> db.sql("""
				UPDATE notification_event SET routed_at = now() WHERE tenant_id = :tenant AND event_id = :event""")
			.bind("tenant", event.tenantId()).bind("event", event.eventId()).then());
	}

	// delivering

	/**
	 * Deliveries due (new, to retry, or claimed by an instance that did not finish within its lease),
	 * claimed for two minutes: concurrent workers skip each other's rows.
	 */
	Flux<Delivery> claim(UUID tenantId, int limit) {
		return transactions.mono(tenantId, db -> db.sql("""
				WITH due AS (
				  SELECT tenant_id, notification_id, channel FROM notification_delivery
				  WHERE tenant_id = :tenant
				    AND ((status = 'PENDING' AND next_attempt_at <= now()) OR (status = 'SENDING' AND lease_until < now()))
				  ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED),
				     claimed AS (
				  UPDATE notification_delivery d SET status = 'SENDING', attempts = d.attempts + 1, lease_until = now() + interval '2 minutes'
				  FROM due WHERE d.tenant_id = due.tenant_id AND d.notification_id = due.notification_id AND d.channel = due.channel
				  RETURNING d.tenant_id, d.notification_id, d.address, d.attempts)
				SELECT c.tenant_id, c.notification_id, c.address, c.attempts, n.kind, n.params::text AS params, n.link, s.locale,
				       s.unsubscribe_token
				FROM claimed c JOIN notification n USING (tenant_id, notification_id)
				JOIN notification_setting s ON s.tenant_id = n.tenant_id AND s.user_id = n.user_id""")
			.bind("tenant", tenantId).bind("limit", limit)
			.map(row -> new Delivery(row.get("tenant_id", UUID.class), row.get("notification_id", UUID.class), row.get("address", String.class),
					row.get("attempts", Integer.class), row.get("kind", String.class), params(row), row.get("link", String.class),
					row.get("locale", String.class), row.get("unsubscribe_token", UUID.class)))
			.all().collectList())
			.flatMapMany(Flux::fromIterable);
	}

	/** Sent: the delivery marked, and the address's count of refusals in a row back to 0. */
	Mono<Void> sent(Delivery delivery) {
		return transactions.mono(delivery.tenantId(), db -> db.sql("""
				WITH sent AS (
				  UPDATE notification_delivery SET status = 'SENT', sent_at = now(), lease_until = NULL, last_error = NULL
				  WHERE tenant_id = :tenant AND notification_id = :notification AND channel = 'EMAIL'
				  RETURNING tenant_id, notification_id)
				UPDATE notification_setting s SET bounces = 0
				FROM sent JOIN notification n USING (tenant_id, notification_id)
				WHERE s.tenant_id = n.tenant_id AND s.user_id = n.user_id AND s.bounces > 0""")
			.bind("tenant", delivery.tenantId()).bind("notification", delivery.notificationId()).then());
	}

	/** A failed attempt: tried again after a back-off that doubles (1, 2, 4 ... minutes), FAILED after the last. */
	Mono<Void> failed(Delivery delivery, String error, int maxAttempts) {
		return transactions.mono(delivery.tenantId(), db -> db.sql("""
				UPDATE notification_delivery
				SET status = CASE WHEN attempts >= :max THEN 'FAILED' ELSE 'PENDING' END,
				    next_attempt_at = now() + interval '1 minute' * power(2, attempts - 1), lease_until = NULL, last_error = :error
				WHERE tenant_id = :tenant AND notification_id = :notification AND channel = 'EMAIL'""")
			.bind("tenant", delivery.tenantId()).bind("notification", delivery.notificationId())
			.bind("max", maxAttempts).bind("error", error.length() > 500 ? error.substring(0, 500) : error).then());
	}

	/**
	 * The mail server refused the address itself: FAILED at once, and the user's e-mail turned off after
	 * {@code threshold} such refusals in a row (settings say why).
	 */
	Mono<Void> bounced(Delivery delivery, String error, int threshold) {
		return transactions.mono(delivery.tenantId(), db -> db.sql("""
				UPDATE notification_delivery SET status = 'FAILED', lease_until = NULL, last_error = :error
				WHERE tenant_id = :tenant AND notification_id = :notification AND channel = 'EMAIL'""")
			.bind("tenant", delivery.tenantId()).bind("notification", delivery.notificationId())
			.bind("error", error.length() > 500 ? error.substring(0, 500) : error).then()
			.then(db.sql("""
					UPDATE notification_setting s
					SET bounces = s.bounces + 1,
					    email = CASE WHEN s.bounces + 1 >= :threshold THEN 'OFF' ELSE s.email END,
					    email_off_reason = CASE WHEN s.bounces + 1 >= :threshold THEN 'BOUNCES' ELSE s.email_off_reason END
					FROM notification n
					WHERE n.tenant_id = :tenant AND n.notification_id = :notification
					  AND s.tenant_id = n.tenant_id AND s.user_id = n.user_id""")
				.bind("tenant", delivery.tenantId()).bind("notification", delivery.notificationId()).bind("threshold", threshold)
				.then()));
	}

	// reading, for the bell and the admins

	Flux<Notification> notifications(UUID tenantId, UUID userId, boolean unreadOnly, @Nullable OffsetDateTime before,
			@Nullable UUID beforeId, int limit) {
		return transactions.readMany(tenantId, db -> db.sql("""
				SELECT n.tenant_id, n.notification_id, n.kind, n.params::text AS params, n.link, n.created_at, n.read_at, d.status
				FROM notification n
				LEFT JOIN notification_delivery d ON d.tenant_id = n.tenant_id AND d.notification_id = n.notification_id AND d.channel = 'EMAIL'
				WHERE n.tenant_id = :tenant AND n.user_id = :user AND (NOT :unread OR n.read_at IS NULL)
				  AND (:before::timestamptz IS NULL OR (n.created_at, n.notification_id) < (:before::timestamptz, :beforeId::uuid))
				ORDER BY n.created_at DESC, n.notification_id DESC LIMIT :limit""")
			.bind("tenant", tenantId).bind("user", userId).bind("unread", unreadOnly)
			.bind("before", Parameter.fromOrEmpty(before, OffsetDateTime.class)).bind("beforeId", Parameter.fromOrEmpty(beforeId, UUID.class))
			.bind("limit", limit)
			.map(this::notification)
			.all());
	}

	Mono<Notification> notification(UUID tenantId, UUID userId, UUID notificationId) {
		return transactions.read(tenantId, db -> db.sql("""
				SELECT n.tenant_id, n.notification_id, n.kind, n.params::text AS params, n.link, n.created_at, n.read_at, d.status
				FROM notification n
				LEFT JOIN notification_delivery d ON d.tenant_id = n.tenant_id AND d.notification_id = n.notification_id AND d.channel = 'EMAIL'
				WHERE n.tenant_id = :tenant AND n.user_id = :user AND n.notification_id = :id""")
			.bind("tenant", tenantId).bind("user", userId).bind("id", notificationId)
			.map(this::notification).one());
	}

	Mono<Integer> unread(UUID tenantId, UUID userId) {
		return transactions.read(tenantId, db -> db.sql("SELECT count(*)::int AS n FROM notification WHERE tenant_id = :tenant AND user_id = :user AND read_at IS NULL")
			.bind("tenant", tenantId).bind("user", userId).map(row -> row.get("n", Integer.class)).one());
	}

	/** Marks the user's notifications read: those given, or all of them when none is. */
	Mono<Long> markRead(UUID tenantId, UUID userId, @Nullable List<UUID> ids) {
		return transactions.mono(tenantId, db -> db.sql("""
				UPDATE notification SET read_at = now()
				WHERE tenant_id = :tenant AND user_id = :user AND read_at IS NULL AND (:all OR notification_id = ANY(:ids))""")
			.bind("tenant", tenantId).bind("user", userId).bind("all", ids == null)
			.bind("ids", ids == null ? new UUID[0] : ids.toArray(UUID[]::new))
			.fetch().rowsUpdated());
	}

	Flux<DeliveryStatus> deliveries(UUID tenantId, @Nullable String status, int limit) {
		return transactions.readMany(tenantId, db -> db.sql("""
				SELECT d.notification_id, n.kind, d.address, d.status, d.attempts, d.last_error, n.created_at, d.sent_at
				FROM notification_delivery d JOIN notification n USING (tenant_id, notification_id)
				WHERE d.tenant_id = :tenant AND (:status::text IS NULL OR d.status = :status::text)
				ORDER BY n.created_at DESC LIMIT :limit""")
			.bind("tenant", tenantId).bind("status", Parameter.fromOrEmpty(status, String.class)).bind("limit", limit)
			.map(row -> new DeliveryStatus(row.get("notification_id", UUID.class), row.get("kind", String.class),
					row.get("address", String.class), row.get("status", String.class), row.get("attempts", Integer.class),
					row.get("last_error", String.class), row.get("created_at", OffsetDateTime.class), row.get("sent_at", OffsetDateTime.class)))
			.all());
	}

	// settings

	Mono<Setting> setting(UUID tenantId, UUID userId) {
		return transactions.read(tenantId, db -> db.sql("""
				SELECT email, locale, email_off_reason FROM notification_setting WHERE tenant_id = :tenant AND user_id = :user""")
			.bind("tenant", tenantId).bind("user", userId)
			.map(row -> new Setting(row.get("email", String.class), row.get("locale", String.class), row.get("email_off_reason", String.class)))
			.one())
			.defaultIfEmpty(new Setting("INSTANT", null, null));
	}

	Mono<Void> saveSetting(UUID tenantId, UUID userId, Setting setting) {
		return transactions.mono(tenantId, db -> db.sql("""
				INSERT INTO notification_setting (tenant_id, user_id, email, locale, bounces, email_off_reason)
				VALUES (:tenant, :user, :email, :locale, 0, :reason)
				ON CONFLICT (tenant_id, user_id) DO UPDATE SET email = excluded.email, locale = excluded.locale, bounces = 0,
				  email_off_reason = excluded.email_off_reason""")
			.bind("tenant", tenantId).bind("user", userId).bind("email", setting.email())
			.bind("locale", Parameter.fromOrEmpty(setting.locale(), String.class))
			.bind("reason", Parameter.fromOrEmpty(setting.emailOffReason(), String.class)).then());
	}

	/** One-click unsubscribe: the e-mail of the token's user off. Whether there was such a token. */
	Mono<Boolean> unsubscribe(UUID tenantId, UUID token) {
		return transactions.mono(tenantId, db -> db.sql("""
				UPDATE notification_setting SET email = 'OFF', email_off_reason = 'UNSUBSCRIBED'
				WHERE tenant_id = :tenant AND unsubscribe_token = :token""")
			.bind("tenant", tenantId).bind("token", token).fetch().rowsUpdated().map(n -> n > 0));
	}

	private Notification notification(Readable row) {
		return new Notification(row.get("tenant_id", UUID.class), row.get("notification_id", UUID.class), row.get("kind", String.class),
				params(row), row.get("link", String.class), row.get("created_at", OffsetDateTime.class),
				row.get("read_at", OffsetDateTime.class), row.get("status", String.class));
	}

	private Map<String, String> params(Readable row) {
		return mapper.readValue(row.get("params", String.class), PARAMS);
	}

}
