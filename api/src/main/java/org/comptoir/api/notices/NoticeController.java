package org.comptoir.api.notices;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.comptoir.api.graphql.Connections;
import org.comptoir.api.graphql.Cursors;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.identity.Viewer;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The bell (a viewer's notifications, unread count, mark-read), settings, and the admins' delivery list. */
@Controller
class NoticeController {

	static final String TYPE = "Notification";

	/** A notification in the viewer's language. */
	record Shown(String id, Notice.Kind kind, String title, String text, String link, OffsetDateTime createdAt, boolean read,
			@Nullable String emailStatus) {
	}

	record MarkInput(@Nullable List<String> ids) {
	}

	record MarkPayload(long marked, int unreadNotifications) {
	}

	record SettingsPayload(NoticeSettings.@Nullable View notificationSettings, List<UserError> userErrors) {
	}

	record VerificationInput(String phone, @Nullable Channel channel) {
	}

	record VerificationPayload(@Nullable String phone, @Nullable OffsetDateTime expiresAt, List<UserError> userErrors) {
	}

	record CodeInput(String code) {
	}

	record DefaultsPayload(NoticeRepository.@Nullable Defaults chamberNotificationDefaults, List<UserError> userErrors) {
	}

	private final NoticeRepository notices;

	private final NoticeWorker worker;

	private final NoticeSettings settings;

	private final TenantRegistry registry;

	NoticeController(NoticeRepository notices, NoticeWorker worker, NoticeSettings settings, TenantRegistry registry) {
		this.notices = notices;
		this.worker = worker;
		this.settings = settings;
		this.registry = registry;
	}

	@SchemaMapping(typeName = "Viewer")
	Mono<Connections.Connection<Shown>> notifications(Viewer viewer, @Argument Integer first, @Argument String after,
			@Argument Boolean unreadOnly) {
		int size = Connections.pageSize(first, 20, 100);
		Optional<Position> position = after == null ? Optional.empty()
				: Optional.of(Cursors.require(after, 2, v -> new Position(OffsetDateTime.parse(v.get(0)), UUID.fromString(v.get(1)))));
		UUID tenantId = viewer.currentTenant().id();
		UUID userId = UUID.fromString(viewer.user().id());
		Tenant tenant = registry.find(tenantId).orElseThrow();
		return notices.setting(tenantId, userId).flatMap(setting -> notices
			.notifications(tenantId, userId, Boolean.TRUE.equals(unreadOnly), position.map(Position::createdAt).orElse(null),
					position.map(Position::id).orElse(null), size + 1)
			.map(n -> show(n, tenant, setting.locale() == null ? tenant.defaultLocale() : setting.locale()))
			.collectList()
			.map(shown -> Connections.Connection.of(shown.stream().limit(size)
				.map(s -> new Connections.Edge<>(Cursors.encode(s.createdAt(), GlobalId.decode(s.id()).orElseThrow().localId()), s)).toList(),
					shown.size() > size, after != null, -1)));
	}

	private record Position(OffsetDateTime createdAt, UUID id) {
	}

	private Shown show(NoticeRepository.Notification n, Tenant tenant, String locale) {
		Notice notice = new Notice(Notice.Kind.valueOf(n.kind()), n.params());
		String link = worker.portal(tenant) + n.link();
		Letters.Sender sender = Letters.Sender.of(tenant.branding());
		return new Shown(GlobalId.of(TYPE, n.tenantId(), n.notificationId()).encode(), notice.kind(),
				Letters.subject(notice, locale, sender), Letters.shortText(notice, locale, sender, link), link,
				n.createdAt(), n.readAt() != null, n.emailStatus());
	}

	/** The viewer's new notifications as they are routed to them, from any instance, read again with their rights. */
	@SubscriptionMapping
	Flux<Shown> notificationAdded(Visit visit) {
		return Flux.defer(() -> {
			UUID tenantId = visit.chamber().id();
			UUID userId = visit.signedIn().userId();
			Tenant tenant = registry.find(tenantId).orElseThrow();
			return worker.added()
				.filter(added -> added.tenantId().equals(tenantId) && added.userId().equals(userId))
				.concatMap(added -> notices.notification(tenantId, userId, added.notificationId())
					.zipWith(notices.setting(tenantId, userId))
					.map(found -> show(found.getT1(), tenant, found.getT2().locale() == null ? tenant.defaultLocale() : found.getT2().locale())));
		});
	}

	@SchemaMapping(typeName = "Viewer")
	Mono<Integer> unreadNotifications(Viewer viewer) {
		return notices.unread(viewer.currentTenant().id(), UUID.fromString(viewer.user().id()));
	}

	@SchemaMapping(typeName = "Viewer")
	Mono<NoticeSettings.View> notificationSettings(Viewer viewer) {
		return settings.view(viewer.currentTenant().id(), UUID.fromString(viewer.user().id()), viewer.user().email());
	}

	@QueryMapping
	Mono<List<NoticeRepository.DeliveryStatus>> notificationDeliveries(@Argument String status, @Argument String channel,
			@Argument Integer first, Visit visit) {
		visit.chamberAdmin("see the chamber's deliveries");
		return notices.deliveries(visit.chamber().id(), status, channel, Connections.pageSize(first, 50, 100)).collectList();
	}

	@QueryMapping
	Mono<NoticeRepository.Defaults> chamberNotificationDefaults(Visit visit) {
		visit.chamberAdmin("see the chamber's notification defaults");
		return settings.defaults(visit.chamber().id());
	}

	@SchemaMapping(typeName = "ChamberNotificationDefaults")
	NoticeSettings.@Nullable Quiet quietHours(NoticeRepository.Defaults defaults) {
		return NoticeSettings.Quiet.of(defaults.quietFrom(), defaults.quietUntil());
	}

	@SchemaMapping(typeName = "NotificationDelivery", field = "notificationId")
	String deliveryNotificationId(NoticeRepository.DeliveryStatus delivery, Visit visit) {
		return GlobalId.of(TYPE, visit.chamber().id(), delivery.notificationId()).encode();
	}

	@MutationMapping
	Mono<MarkPayload> markNotificationsRead(@Argument MarkInput input, Visit visit) {
		UUID tenantId = visit.chamber().id();
		UUID userId = visit.signedIn().userId();
		List<UUID> ids = input.ids() == null ? null : input.ids().stream().map(id -> GlobalId.require(id, TYPE, "ids"))
			.filter(id -> id.tenantId().equals(tenantId)).map(GlobalId::localId).toList();
		return notices.markRead(tenantId, userId, ids)
			.flatMap(marked -> notices.unread(tenantId, userId).map(unread -> new MarkPayload(marked, unread)));
	}

	@MutationMapping
	Mono<SettingsPayload> updateNotificationSettings(@Argument NoticeSettings.Change input, Visit visit) {
		return settings.update(visit.chamber().id(), visit.signedIn().userId(), visit.signedIn().email(), input)
			.map(outcome -> new SettingsPayload(outcome.value(), outcome.userErrors()));
	}

	@MutationMapping
	Mono<VerificationPayload> requestPhoneVerification(@Argument VerificationInput input, Visit visit) {
		return settings.requestVerification(visit.chamber().id(), visit.signedIn().userId(), input.phone(),
				input.channel() == null ? Channel.SMS : input.channel())
			.map(outcome -> outcome.value() == null ? new VerificationPayload(null, null, outcome.userErrors())
					: new VerificationPayload(outcome.value().phone(), outcome.value().expiresAt(), List.of()));
	}

	@MutationMapping
	Mono<SettingsPayload> verifyPhone(@Argument CodeInput input, Visit visit) {
		return settings.verify(visit.chamber().id(), visit.signedIn().userId(), visit.signedIn().email(), input.code())
			.map(outcome -> new SettingsPayload(outcome.value(), outcome.userErrors()));
	}

	@MutationMapping
	Mono<DefaultsPayload> updateChamberNotificationDefaults(@Argument NoticeSettings.DefaultsChange input, Visit visit) {
		visit.chamberAdmin("change the chamber's notification defaults");
		return settings.updateDefaults(visit.chamber().id(), input)
			.map(outcome -> new DefaultsPayload(outcome.value(), outcome.userErrors()));
	}

}
