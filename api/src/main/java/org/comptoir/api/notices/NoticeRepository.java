package org.comptoir.api.notices;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.comptoir.api.database.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
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

	/**
	 * A claimed delivery, with what it says and to whom.
	 * @param digestId set when it carries a digest (its own id): the digest's notices are those of {@link #digest}
	 */
	record Delivery(UUID tenantId, UUID notificationId, Channel channel, String address, int attempts, @Nullable UUID digestId,
			String kind, Map<String, String> params, String link, @Nullable String locale, UUID unsubscribeToken) {
	}

	/** One notice of a digest. */
	record Digested(String kind, Map<String, String> params, String link, OffsetDateTime createdAt) {
	}

	/** A delivery as a chamber's admins see it. */
	record DeliveryStatus(UUID notificationId, String kind, Channel channel, String address, String status, int attempts,
			@Nullable String lastError, OffsetDateTime createdAt, @Nullable OffsetDateTime sentAt) {
	}

	/**
	 * A user's choices; a null is the chamber's default ({@link Defaults}).
	 * @param phone the verified phone texts go to
	 */
	record Setting(@Nullable String locale, @Nullable String timeZone, @Nullable LocalTime quietFrom, @Nullable LocalTime quietUntil,
			@Nullable Integer digestHour, @Nullable Integer digestWeekday, @Nullable String phone) {

		static final Setting NONE = new Setting(null, null, null, null, null, null, null);
	}

	/**
	 * A user's choice for a channel: no row is {@code mode} null.
	 * @param offReason UNSUBSCRIBED (the user), BOUNCES (the address refused in a row)
	 */
	record ChannelSetting(Channel channel, @Nullable String mode, @Nullable String address, @Nullable String offReason) {
	}

	/** A chamber's defaults, the country's time zone where it chose none. */
	record Defaults(String email, String timeZone, @Nullable LocalTime quietFrom, @Nullable LocalTime quietUntil, int digestHour,
			int digestWeekday) {
	}

	/** A code sent to a phone, waiting to be typed back. */
	record Verification(String phone, Channel channel, String codeHash, OffsetDateTime expiresAt, int attempts, int sent,
			OffsetDateTime windowStart) {
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
	 * The event's notification for each user of the company, in the recipient's chamber, and a delivery on each
	 * channel the user has on: at once (PENDING, held back to the end of the user's quiet hours; CAPPED past the
	 * channel's cap an hour to the address, so a flood of requests is not a flood of e-mail or SMS), or HELD for
	 * the user's daily or weekly digest. A user's null choice is the chamber's default (notification_default),
	 * its time zone the country's where it chose none. Ids derive from the event and the user, so routing again
	 * writes nothing new. Each new notification is told on {@link #ADDED} when this commits (the bell).
	 */
	Mono<Void> route(Event event, int emailCapPerHour, int textCapPerHour) {
		return transactions.mono(event.toTenantId(), db -> db.sql("""
				WITH users AS (SELECT user_id, email FROM member_users(:tenant, :member)),
				     settings AS (INSERT INTO notification_setting (tenant_id, user_id) SELECT :tenant, user_id FROM users
				                  ON CONFLICT DO NOTHING),
				     added AS (INSERT INTO notification (tenant_id, notification_id, event_id, user_id, member_id, kind, params, link)
				               SELECT :tenant, md5(:event::text || u.user_id::text)::uuid, :event, u.user_id, :member, :kind, :params::jsonb, :link
				               FROM users u
				               ON CONFLICT DO NOTHING
				               RETURNING notification_id, user_id),
				     wanted AS (
				  SELECT a.notification_id, ch.channel,
				         CASE ch.channel WHEN 'EMAIL' THEN u.email ELSE c.address END AS address,
				         -- a notice meant for digests (a saved search's) waits for the daily one of a user told at once
				         CASE WHEN m.mode = 'INSTANT' AND :params::jsonb ->> 'delivery' = 'DIGEST' THEN 'DAILY' ELSE m.mode END AS mode,
				         coalesce(s.time_zone, d.time_zone, z.time_zone, 'UTC') AS zone,
				         CASE WHEN s.quiet_from IS NOT NULL THEN s.quiet_from ELSE d.quiet_from END AS quiet_from,
				         CASE WHEN s.quiet_from IS NOT NULL THEN s.quiet_until ELSE d.quiet_until END AS quiet_until,
				         coalesce(s.digest_hour, d.digest_hour, 8) AS digest_hour, coalesce(s.digest_weekday, d.digest_weekday, 1) AS digest_weekday
				  FROM added a JOIN users u USING (user_id)
				  CROSS JOIN (VALUES ('EMAIL'), ('SMS'), ('WHATSAPP')) AS ch (channel)
				  JOIN tenant t ON t.tenant_id = :tenant
				  LEFT JOIN country_time_zone z ON z.country = t.country
				  LEFT JOIN notification_default d ON d.tenant_id = :tenant
				  LEFT JOIN notification_setting s ON s.tenant_id = :tenant AND s.user_id = a.user_id
				  LEFT JOIN notification_channel c ON c.tenant_id = :tenant AND c.user_id = a.user_id AND c.channel = ch.channel
				  CROSS JOIN LATERAL (SELECT CASE ch.channel WHEN 'EMAIL' THEN coalesce(c.mode, d.email, 'INSTANT')
				                                             ELSE coalesce(c.mode, 'OFF') END AS mode) m),
				     delivered AS (
				  INSERT INTO notification_delivery (tenant_id, notification_id, channel, address, status, next_attempt_at)
				  SELECT :tenant, w.notification_id, w.channel, w.address,
				         CASE WHEN w.mode IN ('DAILY', 'WEEKLY') THEN 'HELD'
				              WHEN (SELECT count(*) FROM notification_delivery d WHERE d.tenant_id = :tenant AND d.address = w.address
				                    AND d.channel = w.channel AND d.created_at > now() - interval '1 hour')
				                   >= CASE w.channel WHEN 'EMAIL' THEN :emailCap ELSE :textCap END THEN 'CAPPED'
				              ELSE 'PENDING' END,
				         CASE WHEN w.mode IN ('DAILY', 'WEEKLY') THEN notice_digest_due(now(), w.zone, w.mode, w.digest_hour, w.digest_weekday)
				              ELSE notice_quiet_end(now(), w.zone, w.quiet_from, w.quiet_until) END
				  FROM wanted w
				  WHERE w.mode <> 'OFF' AND w.address IS NOT NULL
				  ON CONFLICT DO NOTHING)
				SELECT pg_notify(:added, :tenant::text || ' ' || a.user_id::text || ' ' || a.notification_id::text) FROM added a""")
			.bind("tenant", event.toTenantId()).bind("emailCap", emailCapPerHour).bind("textCap", textCapPerHour).bind("added", ADDED)
			.bind("member", event.toMemberId()).bind("event", event.eventId())
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
	 * The HELD deliveries whose digest is due, gathered per user and channel into one: the newest carries the digest
	 * (PENDING, its own id as digest_id), the others are DIGESTED into it. How many digests were made.
	 */
	Mono<Long> gather(UUID tenantId) {
		return transactions.mono(tenantId, db -> db.sql("""
				WITH due AS (
				  SELECT d.notification_id, d.channel, n.user_id, n.created_at
				  FROM notification_delivery d JOIN notification n USING (tenant_id, notification_id)
				  WHERE d.tenant_id = :tenant AND d.status = 'HELD' AND d.next_attempt_at <= now()
				  FOR UPDATE OF d SKIP LOCKED),
				     carriers AS (
				  SELECT DISTINCT ON (user_id, channel) user_id, channel, notification_id AS carrier
				  FROM due ORDER BY user_id, channel, created_at DESC, notification_id DESC),
				     gathered AS (
				  UPDATE notification_delivery d
				  SET status = CASE WHEN d.notification_id = c.carrier THEN 'PENDING' ELSE 'DIGESTED' END, digest_id = c.carrier,
				      next_attempt_at = now()
				  FROM due JOIN carriers c USING (user_id, channel)
				  WHERE d.tenant_id = :tenant AND d.notification_id = due.notification_id AND d.channel = due.channel
				  RETURNING d.notification_id = d.digest_id AS carrier)
				SELECT count(*) FILTER (WHERE carrier) AS digests FROM gathered""")
			.bind("tenant", tenantId).map(row -> row.get("digests", Long.class)).one());
	}

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
				  RETURNING d.tenant_id, d.notification_id, d.channel, d.address, d.attempts, d.digest_id)
				SELECT c.tenant_id, c.notification_id, c.channel, c.address, c.attempts, c.digest_id, n.kind, n.params::text AS params, n.link,
				       s.locale, s.unsubscribe_token
				FROM claimed c JOIN notification n USING (tenant_id, notification_id)
				JOIN notification_setting s ON s.tenant_id = n.tenant_id AND s.user_id = n.user_id""")
			.bind("tenant", tenantId).bind("limit", limit)
			.map(row -> new Delivery(row.get("tenant_id", UUID.class), row.get("notification_id", UUID.class),
					Channel.valueOf(row.get("channel", String.class)), row.get("address", String.class), row.get("attempts", Integer.class),
					row.get("digest_id", UUID.class), row.get("kind", String.class), params(row), row.get("link", String.class),
					row.get("locale", String.class), row.get("unsubscribe_token", UUID.class)))
			.all().collectList())
			.flatMapMany(Flux::fromIterable);
	}

	/** The notices a digest carries, newest first, at most {@code limit}; and how many there are in all. */
	Mono<List<Digested>> digest(Delivery carrier, int limit) {
		return transactions.readMany(carrier.tenantId(), db -> db.sql("""
				SELECT n.kind, n.params::text AS params, n.link, n.created_at
				FROM notification_delivery d JOIN notification n USING (tenant_id, notification_id)
				WHERE d.tenant_id = :tenant AND d.digest_id = :digest AND d.channel = :channel
				ORDER BY n.created_at DESC, n.notification_id DESC LIMIT :limit""")
			.bind("tenant", carrier.tenantId()).bind("digest", carrier.notificationId()).bind("channel", carrier.channel().name())
			.bind("limit", limit)
			.map(row -> new Digested(row.get("kind", String.class), params(row), row.get("link", String.class),
					row.get("created_at", OffsetDateTime.class)))
			.all())
			.collectList();
	}

	/** Sent (and the digest it carries): marked, with the provider's id, and the address's refusals in a row back to 0. */
	Mono<Void> sent(Delivery delivery, @Nullable String providerId) {
		// one statement: both parts run, whether or not the second uses the first
		return transactions.mono(delivery.tenantId(), db -> db.sql("""
				WITH sent AS (
				  UPDATE notification_delivery SET status = 'SENT', sent_at = now(), lease_until = NULL, last_error = NULL, provider_id = :provider
				  WHERE tenant_id = :tenant AND channel = :channel AND (notification_id = :notification OR digest_id = :notification)
				  RETURNING notification_id)
				UPDATE notification_channel c SET refusals = 0
				FROM notification n
				WHERE n.tenant_id = :tenant AND n.notification_id = :notification
				  AND c.tenant_id = n.tenant_id AND c.user_id = n.user_id AND c.channel = :channel AND c.refusals > 0""")
			.bind("tenant", delivery.tenantId()).bind("notification", delivery.notificationId()).bind("channel", delivery.channel().name())
			.bind("provider", Parameter.fromOrEmpty(providerId, String.class)).then());
	}

	/**
	 * A failed attempt: tried again after a back-off that doubles (1, 2, 4 ... minutes); after the last, FAILED
	 * with the digest it carries.
	 */
	Mono<Void> failed(Delivery delivery, String error, int maxAttempts) {
		return transactions.mono(delivery.tenantId(), db -> db.sql("""
				UPDATE notification_delivery
				SET status = CASE WHEN :final THEN 'FAILED' WHEN notification_id = :notification THEN 'PENDING' ELSE status END,
				    next_attempt_at = now() + interval '1 minute' * power(2, :attempts - 1), lease_until = NULL, last_error = :error
				WHERE tenant_id = :tenant AND channel = :channel AND (notification_id = :notification OR digest_id = :notification)""")
			.bind("tenant", delivery.tenantId()).bind("notification", delivery.notificationId()).bind("channel", delivery.channel().name())
			.bind("final", delivery.attempts() >= maxAttempts).bind("attempts", delivery.attempts()).bind("error", shortened(error)).then());
	}

	/**
	 * The server or provider refused the address itself: FAILED at once, and the user's channel turned off after
	 * {@code threshold} such refusals in a row (settings say why), its waiting deliveries DROPPED.
	 */
	Mono<Void> bounced(Delivery delivery, String error, int threshold) {
		return transactions.mono(delivery.tenantId(), db -> db.sql("""
				UPDATE notification_delivery SET status = 'FAILED', lease_until = NULL, last_error = :error
				WHERE tenant_id = :tenant AND channel = :channel AND (notification_id = :notification OR digest_id = :notification)""")
			.bind("tenant", delivery.tenantId()).bind("notification", delivery.notificationId()).bind("channel", delivery.channel().name())
			.bind("error", shortened(error)).then()
			.then(db.sql("""
					INSERT INTO notification_channel AS c (tenant_id, user_id, channel, mode, refusals, off_reason)
					SELECT n.tenant_id, n.user_id, :channel, CASE WHEN :threshold <= 1 THEN 'OFF' END, 1,
					       CASE WHEN :threshold <= 1 THEN 'BOUNCES' END
					FROM notification n WHERE n.tenant_id = :tenant AND n.notification_id = :notification
					ON CONFLICT (tenant_id, user_id, channel) DO UPDATE
					SET refusals = c.refusals + 1,
					    mode = CASE WHEN c.refusals + 1 >= :threshold THEN 'OFF' ELSE c.mode END,
					    off_reason = CASE WHEN c.refusals + 1 >= :threshold THEN 'BOUNCES' ELSE c.off_reason END
					RETURNING c.user_id, c.mode""")
				.bind("tenant", delivery.tenantId()).bind("notification", delivery.notificationId()).bind("channel", delivery.channel().name())
				.bind("threshold", threshold)
				.map(row -> new Refused(row.get("user_id", UUID.class), row.get("mode", String.class)))
				.one()
				.filter(refused -> "OFF".equals(refused.mode()))
				.flatMap(refused -> drop(db, delivery.tenantId(), refused.userId(), delivery.channel(), "BOUNCES"))));
	}

	private record Refused(UUID userId, @Nullable String mode) {
	}

	/** The user's deliveries on the channel still waiting (to be sent or digested) DROPPED: the channel was turned off. */
	private static Mono<Void> drop(DatabaseClient db, UUID tenantId, UUID userId, Channel channel, String why) {
		return db.sql("""
				UPDATE notification_delivery d SET status = 'DROPPED', lease_until = NULL, last_error = :why
				FROM notification n
				WHERE d.tenant_id = :tenant AND d.channel = :channel AND d.status IN ('PENDING', 'HELD')
				  AND n.tenant_id = d.tenant_id AND n.notification_id = d.notification_id AND n.user_id = :user""")
			.bind("tenant", tenantId).bind("user", userId).bind("channel", channel.name()).bind("why", "turned off: " + why).then();
	}

	private static String shortened(String error) {
		return error.length() > 500 ? error.substring(0, 500) : error;
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

	Flux<DeliveryStatus> deliveries(UUID tenantId, @Nullable String status, @Nullable String channel, int limit) {
		return transactions.readMany(tenantId, db -> db.sql("""
				SELECT d.notification_id, n.kind, d.channel, d.address, d.status, d.attempts, d.last_error, n.created_at, d.sent_at
				FROM notification_delivery d JOIN notification n USING (tenant_id, notification_id)
				WHERE d.tenant_id = :tenant AND (:status::text IS NULL OR d.status = :status::text)
				  AND (:channel::text IS NULL OR d.channel = :channel::text)
				ORDER BY n.created_at DESC LIMIT :limit""")
			.bind("tenant", tenantId).bind("status", Parameter.fromOrEmpty(status, String.class))
			.bind("channel", Parameter.fromOrEmpty(channel, String.class)).bind("limit", limit)
			.map(row -> new DeliveryStatus(row.get("notification_id", UUID.class), row.get("kind", String.class),
					Channel.valueOf(row.get("channel", String.class)), row.get("address", String.class), row.get("status", String.class),
					row.get("attempts", Integer.class),
					row.get("last_error", String.class), row.get("created_at", OffsetDateTime.class), row.get("sent_at", OffsetDateTime.class)))
			.all());
	}

	// settings

	Mono<Setting> setting(UUID tenantId, UUID userId) {
		return transactions.read(tenantId, db -> db.sql("""
				SELECT locale, time_zone, quiet_from, quiet_until, digest_hour, digest_weekday, phone
				FROM notification_setting WHERE tenant_id = :tenant AND user_id = :user""")
			.bind("tenant", tenantId).bind("user", userId)
			.map(row -> new Setting(row.get("locale", String.class), row.get("time_zone", String.class),
					row.get("quiet_from", LocalTime.class), row.get("quiet_until", LocalTime.class), row.get("digest_hour", Integer.class),
					row.get("digest_weekday", Integer.class), row.get("phone", String.class)))
			.one())
			.defaultIfEmpty(Setting.NONE);
	}

	/** The user's choice per channel; a channel left out has none. */
	Mono<List<ChannelSetting>> channels(UUID tenantId, UUID userId) {
		return transactions.readMany(tenantId, db -> db.sql("""
				SELECT channel, mode, address, off_reason FROM notification_channel WHERE tenant_id = :tenant AND user_id = :user""")
			.bind("tenant", tenantId).bind("user", userId)
			.map(row -> new ChannelSetting(Channel.valueOf(row.get("channel", String.class)), row.get("mode", String.class),
					row.get("address", String.class), row.get("off_reason", String.class)))
			.all())
			.collectList();
	}

	Mono<Defaults> defaults(UUID tenantId) {
		return transactions.read(tenantId, db -> db.sql("""
				SELECT coalesce(d.email, 'INSTANT') AS email, coalesce(d.time_zone, z.time_zone, 'UTC') AS time_zone,
				       d.quiet_from, d.quiet_until, coalesce(d.digest_hour, 8) AS digest_hour, coalesce(d.digest_weekday, 1) AS digest_weekday
				FROM tenant t
				LEFT JOIN notification_default d ON d.tenant_id = t.tenant_id
				LEFT JOIN country_time_zone z ON z.country = t.country
				WHERE t.tenant_id = :tenant""")
			.bind("tenant", tenantId)
			.map(row -> new Defaults(row.get("email", String.class), row.get("time_zone", String.class),
					row.get("quiet_from", LocalTime.class), row.get("quiet_until", LocalTime.class), row.get("digest_hour", Integer.class),
					row.get("digest_weekday", Integer.class)))
			.one());
	}

	Mono<Void> saveDefaults(UUID tenantId, Defaults defaults) {
		return transactions.mono(tenantId, db -> db.sql("""
				INSERT INTO notification_default (tenant_id, email, time_zone, quiet_from, quiet_until, digest_hour, digest_weekday)
				VALUES (:tenant, :email, :zone, :from, :until, :hour, :weekday)
				ON CONFLICT (tenant_id) DO UPDATE SET email = excluded.email, time_zone = excluded.time_zone, quiet_from = excluded.quiet_from,
				  quiet_until = excluded.quiet_until, digest_hour = excluded.digest_hour, digest_weekday = excluded.digest_weekday""")
			.bind("tenant", tenantId).bind("email", defaults.email()).bind("zone", defaults.timeZone())
			.bind("from", Parameter.fromOrEmpty(defaults.quietFrom(), LocalTime.class))
			.bind("until", Parameter.fromOrEmpty(defaults.quietUntil(), LocalTime.class))
			.bind("hour", defaults.digestHour()).bind("weekday", defaults.digestWeekday()).then());
	}

	/** The user's language, time zone, quiet hours and digest times (the phone is {@link #phoneVerified}'s). */
	Mono<Void> saveSetting(UUID tenantId, UUID userId, Setting setting) {
		return transactions.mono(tenantId, db -> db.sql("""
				INSERT INTO notification_setting (tenant_id, user_id, locale, time_zone, quiet_from, quiet_until, digest_hour, digest_weekday)
				VALUES (:tenant, :user, :locale, :zone, :from, :until, :hour, :weekday)
				ON CONFLICT (tenant_id, user_id) DO UPDATE SET locale = excluded.locale, time_zone = excluded.time_zone,
				  quiet_from = excluded.quiet_from, quiet_until = excluded.quiet_until, digest_hour = excluded.digest_hour,
				  digest_weekday = excluded.digest_weekday""")
			.bind("tenant", tenantId).bind("user", userId)
			.bind("locale", Parameter.fromOrEmpty(setting.locale(), String.class))
			.bind("zone", Parameter.fromOrEmpty(setting.timeZone(), String.class))
			.bind("from", Parameter.fromOrEmpty(setting.quietFrom(), LocalTime.class))
			.bind("until", Parameter.fromOrEmpty(setting.quietUntil(), LocalTime.class))
			.bind("hour", Parameter.fromOrEmpty(setting.digestHour(), Integer.class))
			.bind("weekday", Parameter.fromOrEmpty(setting.digestWeekday(), Integer.class)).then());
	}

	/**
	 * The user's mode on a channel (null: the chamber's default), to that address for texts; turned off with why,
	 * its waiting deliveries DROPPED; turned to INSTANT, its held ones gathered and sent now. A text channel turned on
	 * records the consent's words; turned off, the consent withdrawn.
	 */
	Mono<Void> saveChannel(UUID tenantId, UUID userId, ChannelSetting setting, @Nullable Consent consent) {
		String channel = setting.channel().name();
		return transactions.mono(tenantId, db -> db.sql("""
				INSERT INTO notification_channel AS c (tenant_id, user_id, channel, mode, address, refusals, off_reason)
				VALUES (:tenant, :user, :channel, :mode, :address, 0, :reason)
				ON CONFLICT (tenant_id, user_id, channel) DO UPDATE
				SET mode = excluded.mode, address = excluded.address, refusals = 0, off_reason = excluded.off_reason""")
			.bind("tenant", tenantId).bind("user", userId).bind("channel", channel)
			.bind("mode", Parameter.fromOrEmpty(setting.mode(), String.class))
			.bind("address", Parameter.fromOrEmpty(setting.address(), String.class))
			.bind("reason", Parameter.fromOrEmpty(setting.offReason(), String.class)).then()
			.then("OFF".equals(setting.mode()) ? drop(db, tenantId, userId, setting.channel(), setting.offReason() == null ? "by the user" : setting.offReason())
					: "INSTANT".equals(setting.mode()) ? release(db, tenantId, userId, setting.channel()) : Mono.empty())
			.then(setting.channel() == Channel.EMAIL ? Mono.empty() : db.sql("""
					UPDATE notification_consent SET withdrawn_at = now()
					WHERE tenant_id = :tenant AND user_id = :user AND channel = :channel AND withdrawn_at IS NULL""")
				.bind("tenant", tenantId).bind("user", userId).bind("channel", channel).then())
			.then(consent == null ? Mono.empty() : db.sql("""
					INSERT INTO notification_consent (tenant_id, user_id, channel, phone, locale, wording)
					VALUES (:tenant, :user, :channel, :phone, :locale, :wording)""")
				.bind("tenant", tenantId).bind("user", userId).bind("channel", channel).bind("phone", consent.phone())
				.bind("locale", consent.locale()).bind("wording", consent.wording()).then()));
	}

	/** What a user agreed to by turning texts on: the words shown, in their language, for that phone. */
	record Consent(String phone, String locale, String wording) {
	}

	/** The user's held deliveries on the channel due now: the next pass sends them as a digest. */
	private static Mono<Void> release(DatabaseClient db, UUID tenantId, UUID userId, Channel channel) {
		return db.sql("""
				UPDATE notification_delivery d SET next_attempt_at = now()
				FROM notification n
				WHERE d.tenant_id = :tenant AND d.channel = :channel AND d.status = 'HELD'
				  AND n.tenant_id = d.tenant_id AND n.notification_id = d.notification_id AND n.user_id = :user""")
			.bind("tenant", tenantId).bind("user", userId).bind("channel", channel.name()).then();
	}

	/** When a user consented last to a channel still on: the consent's time. */
	Mono<Map<Channel, OffsetDateTime>> consents(UUID tenantId, UUID userId) {
		return transactions.readMany(tenantId, db -> db.sql("""
				SELECT channel, max(given_at) AS given_at FROM notification_consent
				WHERE tenant_id = :tenant AND user_id = :user AND withdrawn_at IS NULL GROUP BY channel""")
			.bind("tenant", tenantId).bind("user", userId)
			.map(row -> Map.entry(Channel.valueOf(row.get("channel", String.class)), row.get("given_at", OffsetDateTime.class)))
			.all())
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** One-click unsubscribe: the e-mail of the token's user off. Whether there was such a token. */
	Mono<Boolean> unsubscribe(UUID tenantId, UUID token) {
		return transactions.mono(tenantId, db -> db.sql("""
				SELECT user_id FROM notification_setting WHERE tenant_id = :tenant AND unsubscribe_token = :token""")
			.bind("tenant", tenantId).bind("token", token).map(row -> row.get("user_id", UUID.class)).one()
			.flatMap(userId -> db.sql("""
					INSERT INTO notification_channel (tenant_id, user_id, channel, mode, off_reason)
					VALUES (:tenant, :user, 'EMAIL', 'OFF', 'UNSUBSCRIBED')
					ON CONFLICT (tenant_id, user_id, channel) DO UPDATE SET mode = 'OFF', off_reason = 'UNSUBSCRIBED'""")
				.bind("tenant", tenantId).bind("user", userId).then()
				.then(drop(db, tenantId, userId, Channel.EMAIL, "UNSUBSCRIBED"))
				.thenReturn(true))
			.defaultIfEmpty(false));
	}

	// phones

	Mono<Verification> verification(UUID tenantId, UUID userId) {
		return transactions.read(tenantId, db -> db.sql("""
				SELECT phone, channel, code_hash, expires_at, attempts, sent, window_start FROM phone_verification
				WHERE tenant_id = :tenant AND user_id = :user""")
			.bind("tenant", tenantId).bind("user", userId)
			.map(row -> new Verification(row.get("phone", String.class), Channel.valueOf(row.get("channel", String.class)),
					row.get("code_hash", String.class), row.get("expires_at", OffsetDateTime.class), row.get("attempts", Integer.class),
					row.get("sent", Integer.class), row.get("window_start", OffsetDateTime.class)))
			.one());
	}

	/** A new code for the phone, replacing any other; {@code sent} counts the codes sent in the window begun at {@code windowStart}. */
	Mono<Void> saveVerification(UUID tenantId, UUID userId, Verification verification) {
		return transactions.mono(tenantId, db -> db.sql("""
				INSERT INTO phone_verification (tenant_id, user_id, phone, channel, code_hash, expires_at, attempts, sent, window_start)
				VALUES (:tenant, :user, :phone, :channel, :hash, :expires, 0, :sent, :window)
				ON CONFLICT (tenant_id, user_id) DO UPDATE SET phone = excluded.phone, channel = excluded.channel, code_hash = excluded.code_hash,
				  expires_at = excluded.expires_at, attempts = 0, sent = excluded.sent, window_start = excluded.window_start""")
			.bind("tenant", tenantId).bind("user", userId).bind("phone", verification.phone()).bind("channel", verification.channel().name())
			.bind("hash", verification.codeHash()).bind("expires", verification.expiresAt()).bind("sent", verification.sent())
			.bind("window", verification.windowStart()).then());
	}

	/** A wrong code typed: how many were. */
	Mono<Integer> wrongCode(UUID tenantId, UUID userId) {
		return transactions.mono(tenantId, db -> db.sql("""
				UPDATE phone_verification SET attempts = attempts + 1 WHERE tenant_id = :tenant AND user_id = :user RETURNING attempts""")
			.bind("tenant", tenantId).bind("user", userId).map(row -> row.get("attempts", Integer.class)).one());
	}

	/** The phone proved the user's: texts go to it from now on (the channels already on follow it). */
	Mono<Void> phoneVerified(UUID tenantId, UUID userId, String phone) {
		return transactions.mono(tenantId, db -> db.sql("""
				INSERT INTO notification_setting (tenant_id, user_id, phone, phone_verified_at) VALUES (:tenant, :user, :phone, now())
				ON CONFLICT (tenant_id, user_id) DO UPDATE SET phone = excluded.phone, phone_verified_at = excluded.phone_verified_at""")
			.bind("tenant", tenantId).bind("user", userId).bind("phone", phone).then()
			.then(db.sql("""
					UPDATE notification_channel SET address = :phone, refusals = 0
					WHERE tenant_id = :tenant AND user_id = :user AND channel IN ('SMS', 'WHATSAPP') AND address IS NOT NULL""")
				.bind("tenant", tenantId).bind("user", userId).bind("phone", phone).then())
			.then(db.sql("DELETE FROM phone_verification WHERE tenant_id = :tenant AND user_id = :user")
				.bind("tenant", tenantId).bind("user", userId).then()));
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
