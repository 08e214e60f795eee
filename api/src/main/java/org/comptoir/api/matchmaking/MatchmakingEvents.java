package org.comptoir.api.matchmaking;

import java.util.List;

import org.comptoir.api.notification.DatabaseNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The live updates between instances, with PostgreSQL and nothing else: a writer sends
 * {@code NOTIFY} in its own transaction (so an event leaves only if the write commits), and every
 * instance, the writer's included, hears it on its one listening connection
 * ({@link DatabaseNotifications}) and hands each event to its local subscribers. Events sent while no
 * connection listens are lost to that instance: subscriptions are live updates, a portal reads
 * the state again when it reconnects.
 */
@Component
class MatchmakingEvents {

	static final String CHANNEL = "comptoir_matchmaking";

	private static final Logger log = LoggerFactory.getLogger(MatchmakingEvents.class);

	private final DatabaseNotifications notifications;

	private final Sinks.Many<MatchmakingEvent> local = Sinks.many().multicast().directBestEffort();

	MatchmakingEvents(DatabaseNotifications notifications) {
		this.notifications = notifications;
		notifications.payloads(CHANNEL)
			.subscribe(payload -> MatchmakingEvent.decode(payload).ifPresent(local::tryEmitNext),
					ex -> log.error("Matchmaking events stopped", ex));
	}

	/** Sends events with the transaction of {@code db}: they leave when it commits, never if it rolls back. */
	Mono<Void> publish(DatabaseClient db, List<? extends MatchmakingEvent> events) {
		if (events.isEmpty()) {
			return Mono.empty();
		}
		return db.sql("SELECT pg_notify(:channel, payload) FROM unnest(:payloads::text[]) AS payload")
			.bind("channel", CHANNEL)
			.bind("payloads", events.stream().map(MatchmakingEvent::encode).toArray(String[]::new))
			.fetch()
			.all()
			.then();
	}

	/**
	 * Every event of every instance from now on, as a subscriber of this instance sees it: buffered
	 * (the oldest dropped past 1,000) so a slow subscriber does not hold the others.
	 */
	Flux<MatchmakingEvent> events() {
		return local.asFlux().onBackpressureBuffer(1000, dropped -> log.warn("Subscriber too slow, dropped {}", dropped),
				BufferOverflowStrategy.DROP_OLDEST);
	}

	/** The events of one kind. */
	<E extends MatchmakingEvent> Flux<E> events(Class<E> kind) {
		return events().filter(kind::isInstance).map(kind::cast);
	}

	/** Local subscribers of the events now (tests wait for theirs before sending). */
	int subscribers() {
		return local.currentSubscriberCount();
	}

	/** Whether the listening connection is up. */
	boolean listening() {
		return notifications.listening();
	}

}
