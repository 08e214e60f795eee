package org.comptoir.api.notices;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.mail.SendFailedException;
import org.comptoir.api.notification.DatabaseNotifications;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailSendException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Takes notices from where they were recorded to the people they are for: woken by the NOTIFY each new
 * notice sends on commit (every instance hears it; the work is shared by row claims), and every
 * {@code sweep} for every chamber (retries, and what was recorded while no connection listened).
 * For a chamber: its unrouted notices become notifications in the recipients' chambers, then the due
 * deliveries of those chambers (e-mail, SMS, WhatsApp; a digest is one) are claimed, sent, and marked sent, to
 * retry, or refused. The sweep also gathers the digests that are due.
 */
@Component
class NoticeWorker {

	private static final Logger log = LoggerFactory.getLogger(NoticeWorker.class);

	/** Deliveries claimed at once by one instance for one chamber. */
	private static final int BATCH = 20;

	/** Notices a digest lists by name; the rest are counted. */
	private static final int DIGEST_SHOWN = 30;

	/** The portal's page of a user's notifications, where a digest leads. */
	static final String NOTIFICATIONS = "/notifications";

	private final NoticeRepository notices;

	private final Mailer mailer;

	private final TextProviders texts;

	private final TenantRegistry registry;

	private final NoticeProperties properties;

	private final Sinks.Many<UUID> wake = Sinks.many().unicast().onBackpressureBuffer();

	/** Chambers whose work is queued and not begun. */
	private final Set<UUID> queued = ConcurrentHashMap.newKeySet();

	/** Chambers whose next work gathers their due digests first (set by the sweep). */
	private final Set<UUID> digestsDue = ConcurrentHashMap.newKeySet();

	/** New notifications from every instance, for the bell's subscribers on this one. */
	private final Sinks.Many<Added> added = Sinks.many().multicast().directBestEffort();

	/** A notification routed to a user (ids only: a subscriber reads it again with its own rights). */
	record Added(UUID tenantId, UUID userId, UUID notificationId) {

		static java.util.Optional<Added> parse(String payload) {
			String[] parts = payload.split(" ");
			try {
				return java.util.Optional.of(new Added(UUID.fromString(parts[0]), UUID.fromString(parts[1]), UUID.fromString(parts[2])));
			}
			catch (RuntimeException ex) {
				return java.util.Optional.empty();
			}
		}
	}

	private Disposable running;

	NoticeWorker(NoticeRepository notices, Mailer mailer, TextProviders texts, TenantRegistry registry, NoticeProperties properties,
			DatabaseNotifications notifications) {
		this.notices = notices;
		this.mailer = mailer;
		this.texts = texts;
		this.registry = registry;
		this.properties = properties;
		notifications.payloads(Notifications.CHANNEL).subscribe(payload -> wake(UUID.fromString(payload)));
		notifications.payloads(NoticeRepository.ADDED).subscribe(payload -> Added.parse(payload).ifPresent(added::tryEmitNext));
	}

	@PostConstruct
	void start() {
		running = wake.asFlux()
			.doOnNext(queued::remove)
			.concatMap(tenant -> (digestsDue.remove(tenant) ? withDigests(tenant) : work(tenant)).onErrorResume(ex -> {
				log.warn("Notices of chamber {} left for the next run: {}", tenant, ex.toString());
				return Mono.empty();
			}), 0)
			.subscribe();
	}

	@PreDestroy
	void stop() {
		running.dispose();
	}

	/** The notifications routed from now on, on any instance. */
	Flux<Added> added() {
		return added.asFlux();
	}

	/** Subscribers of the bell on this instance now (tests wait for theirs). */
	int subscribers() {
		return added.currentSubscriberCount();
	}

	/** A chamber's work queued, unless it is queued already (a burst of notices is one pass). */
	void wake(UUID tenantId) {
		if (queued.add(tenantId)) {
			wake.emitNext(tenantId, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
		}
	}

	/**
	 * Every chamber's work queued, its due digests gathered first (a digest is due at an hour: a sweep's delay
	 * does not matter, and a wake-up for a new notice need not look).
	 */
	@Scheduled(fixedDelayString = "${comptoir.notices.sweep:30s}", initialDelayString = "${comptoir.notices.sweep:30s}")
	void sweep() {
		registry.all().forEach(tenant -> {
			digestsDue.add(tenant.tenantId());
			wake(tenant.tenantId());
		});
	}

	/** The chamber's notices routed, then the due deliveries of the chambers they went to, and its own. */
	Mono<Void> work(UUID tenantId) {
		return route(tenantId)
			.concatWith(Mono.just(tenantId))
			.distinct()
			.concatMap(this::deliver, 0)
			.then();
	}

	/** The chamber's unrouted notices, a batch at a time until none is left: the chambers they went to. */
	private Flux<UUID> route(UUID tenantId) {
		return notices.unrouted(tenantId)
			.concatMap(event -> notices.route(event, properties.emailCapPerHour(), properties.textCapPerHour()).then(notices.routed(event)).thenReturn(event.toTenantId()), 0)
			.collectList()
			.flatMapMany(routed -> routed.size() < NoticeRepository.ROUTE_BATCH ? Flux.fromIterable(routed)
					: Flux.fromIterable(routed).concatWith(route(tenantId)));
	}

	/** The chamber's due e-mails, a batch at a time until none is due. */
	private Mono<Void> deliver(UUID tenantId) {
		return notices.claim(tenantId, BATCH)
			.concatMap(delivery -> send(delivery).thenReturn(delivery), 0)
			.count()
			.flatMap(sent -> sent == BATCH ? deliver(tenantId) : Mono.empty());
	}

	/** One delivery (a notice, or the digest it carries) on its channel, then marked sent, to retry, or refused. */
	private Mono<Void> send(NoticeRepository.Delivery delivery) {
		Tenant tenant = registry.find(delivery.tenantId()).orElseThrow();
		String locale = delivery.locale() == null ? tenant.defaultLocale() : delivery.locale();
		Mono<Message> message = delivery.digestId() == null
				? Mono.just(new Message(List.of(new Notice(Notice.Kind.valueOf(delivery.kind()), delivery.params())),
						List.of(portal(tenant) + delivery.link()), 1))
				: notices.digest(delivery, DIGEST_SHOWN).map(digest -> new Message(
						digest.stream().map(item -> new Notice(Notice.Kind.valueOf(item.kind()), item.params())).toList(),
						digest.stream().map(item -> portal(tenant) + item.link()).toList(), digest.size()));
		return message
			.flatMap(what -> delivery.channel() == Channel.EMAIL ? email(delivery, tenant, locale, what) : text(delivery, tenant, locale, what))
			.flatMap(providerId -> notices.sent(delivery, providerId.isEmpty() ? null : providerId))
			.onErrorResume(ex -> !(ex instanceof DataAccessException), ex -> refused(ex)
					? notices.bounced(delivery, describe(ex), properties.bounceThreshold())
					: notices.failed(delivery, describe(ex), properties.maxAttempts()));
	}

	/** The notices a delivery says: one, or a digest's newest ({@code total} in all). */
	private record Message(List<Notice> notices, List<String> links, int total) {

		boolean digest() {
			return total > 1;
		}
	}

	private Mono<String> email(NoticeRepository.Delivery delivery, Tenant tenant, String locale, Message message) {
		Tenant.Branding branding = tenant.branding();
		Letters.Sender sender = Letters.Sender.of(branding);
		String unsubscribe = properties.apiUrl() + "/notices/unsubscribe/" + tenant.slug() + "/" + delivery.unsubscribeToken();
		Letter letter = message.digest()
				? Letters.digest(message.notices(), message.links(), message.total(), locale, sender, portal(tenant) + NOTIFICATIONS, unsubscribe)
				: Letters.write(message.notices().get(0), locale, sender, message.links().get(0), unsubscribe);
		String messageId = "<" + delivery.notificationId() + "@notices.comptoir>";
		return Mono.fromCallable(() -> {
			if (!mailer.configured()) {
				throw new IllegalStateException("no mail server is configured (comptoir.mail.host)");
			}
			mailer.send(delivery.address(), branding.displayName(), letter, unsubscribe, messageId);
			return "";
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private Mono<String> text(NoticeRepository.Delivery delivery, Tenant tenant, String locale, Message message) {
		Letters.Sender sender = Letters.Sender.of(tenant.branding());
		String text = message.digest() ? Letters.shortDigest(message.total(), locale, sender, portal(tenant) + NOTIFICATIONS)
				: Letters.shortText(message.notices().get(0), locale, sender, message.links().get(0));
		return texts.forPhone(delivery.channel(), delivery.address())
			.map(provider -> provider.send(new TextProvider.TextMessage(delivery.address(), text, locale, delivery.notificationId().toString())))
			.orElseGet(() -> Mono.error(new IllegalStateException("no " + delivery.channel() + " provider is configured for " + delivery.address())));
	}

	private static String describe(Throwable ex) {
		return ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	/** The address itself was refused (a text provider's refusal, or {@link #refusedAddress}): trying again will not help. */
	static boolean refused(Throwable ex) {
		return ex instanceof TextProvider.TextRefused || refusedAddress(ex);
	}

	/** The server refused the recipient's address itself (a 5xx to RCPT TO): trying again will not help. */
	static boolean refusedAddress(Throwable ex) {
		if (ex instanceof MailSendException send) {
			return send.getFailedMessages().values().stream().anyMatch(NoticeWorker::refusedAddress);
		}
		if (ex instanceof SMTPAddressFailedException address) {
			return address.getReturnCode() >= 500;
		}
		if (ex instanceof SendFailedException failed) {
			return (failed.getInvalidAddresses() != null && failed.getInvalidAddresses().length > 0)
					|| (failed.getNextException() != null && refusedAddress(failed.getNextException()));
		}
		return ex.getCause() != null && ex.getCause() != ex && refusedAddress(ex.getCause());
	}

	/** The chamber's portal: its proved custom domain, or the configured pattern. */
	String portal(Tenant tenant) {
		String domain = tenant.branding().customDomain();
		return domain != null ? "https://" + domain : properties.portalUrl().replace("{slug}", tenant.slug());
	}

	/** Every chamber's pending notices, digests due and deliveries dealt with now (tests, and an operator's nudge). */
	Mono<Void> drain() {
		return Flux.fromIterable(registry.all()).concatMap(tenant -> withDigests(tenant.tenantId()), 0).then();
	}

	/** The chamber's due digests gathered, then its work. */
	private Mono<Void> withDigests(UUID tenantId) {
		return notices.gather(tenantId).then(work(tenantId));
	}

}
