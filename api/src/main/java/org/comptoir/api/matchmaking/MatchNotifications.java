package org.comptoir.api.matchmaking;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.listing.ListingPublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * When a listing is published, the owners of the listings it fits best hear of it (through
 * {@code matchFound}). Off the request and bounded: publications wait in a queue of
 * {@code comptoir.matchmaking.notification-queue} and are scored
 * {@code comptoir.matchmaking.notification-concurrency} at a time, so a burst of publications
 * never takes the pool's connections from the requests; when the queue is full, a publication's
 * notifications are dropped with a warning (they are live updates: the matches stay readable).
 */
@Component
class MatchNotifications implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MatchNotifications.class);

	private static final long WARNING_INTERVAL_NANOS = 10_000_000_000L;

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS - 1);

	private final MatchScoring matches;

	private final MatchmakingEvents events;

	private final TenantTransactions transactions;

	private final MatchmakingProperties properties;

	private final Sinks.Many<ListingPublished> queue;

	private volatile Disposable worker;

	MatchNotifications(MatchScoring matches, MatchmakingEvents events, TenantTransactions transactions,
			MatchmakingProperties properties) {
		this.matches = matches;
		this.events = events;
		this.transactions = transactions;
		this.properties = properties;
		this.queue = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(properties.notificationQueue()));
	}

	/** Runs after the publication's commit; never waits. */
	@EventListener
	void published(ListingPublished event) {
		Sinks.EmitResult result;
		synchronized (queue) { // publications come from many threads; a unicast sink takes one at a time
			result = queue.tryEmitNext(event);
		}
		if (result.isFailure()) {
			long count = dropped.incrementAndGet();
			long now = System.nanoTime();
			long last = lastWarning.get();
			// one line per ten seconds, not one per publication of a burst
			if (now - last > WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
				log.warn("Match notifications dropped for {} publications so far (latest: listing {}, {}): {} publications already wait",
						count, event.listingId(), result, properties.notificationQueue());
			}
		}
	}

	private Mono<Integer> notify(ListingPublished event) {
		// read for the chamber: its MEMBERS listings' owners are ACTIVE companies of it, who may see the new listing
		return matches.matches(Reader.chamber(event.tenantId()), event.tenantId(), event.listingId(), true, properties.notifyMinScore(),
				properties.notifiedMatches(), null)
			.map(s -> new MatchmakingEvent.MatchFound(s.tenantId(), s.memberId(), s.listingId(), event.tenantId(),
					event.listingId(), s.score()))
			.collectList()
			.flatMap(found -> found.isEmpty() ? Mono.just(0)
					: transactions.mono(event.tenantId(), db -> events.publish(db, found).thenReturn(found.size())))
			.doOnNext(count -> log.debug("Listing {} published: {} owners of matching listings told", event.listingId(), count))
			.onErrorResume(ex -> {
				log.warn("Match notifications for listing {} failed: {}", event.listingId(), ex.toString());
				return Mono.empty();
			});
	}

	@Override
	public void start() {
		worker = queue.asFlux().flatMap(this::notify, properties.notificationConcurrency()).subscribe();
	}

	@Override
	public void stop() {
		Disposable running = worker;
		if (running != null) {
			running.dispose();
		}
		worker = null;
	}

	@Override
	public boolean isRunning() {
		return worker != null;
	}

}
