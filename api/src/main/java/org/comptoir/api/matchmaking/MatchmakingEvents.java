package org.comptoir.api.matchmaking;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ValidationDepth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * The live updates between instances, with PostgreSQL and nothing else: a writer sends
 * {@code NOTIFY} in its own transaction (so an event leaves only if the write commits), and every
 * instance, the writer's included, holds one dedicated connection that {@code LISTEN}s and hands
 * each event to its local subscribers. The connection is not from the pool; when it fails, or a
 * heartbeat finds it dead, a new one listens again (backoff up to 5 s). Events sent while no
 * connection listens are lost to that instance: subscriptions are live updates, a portal reads
 * the state again when it reconnects.
 */
@Component
class MatchmakingEvents implements SmartLifecycle {

	static final String CHANNEL = "comptoir_matchmaking";

	private static final Logger log = LoggerFactory.getLogger(MatchmakingEvents.class);

	private static final Duration HEARTBEAT = Duration.ofSeconds(30);

	private final ConnectionFactory listenerConnections;

	private final Sinks.Many<MatchmakingEvent> local = Sinks.many().multicast().directBestEffort();

	private volatile CountDownLatch firstListen = new CountDownLatch(1);

	private volatile boolean listening;

	private volatile Disposable subscription;

	MatchmakingEvents(R2dbcConnectionDetails database) {
		this.listenerConnections = ConnectionFactories.get(unpooled(database.getConnectionFactoryOptions()));
	}

	/** The options of one plain connection, whether the configured URL asks for a pool or not. */
	private static ConnectionFactoryOptions unpooled(ConnectionFactoryOptions options) {
		Object driver = options.getValue(ConnectionFactoryOptions.DRIVER);
		Object protocol = options.getValue(ConnectionFactoryOptions.PROTOCOL);
		if ("pool".equals(driver) && protocol != null) {
			return ConnectionFactoryOptions.builder().from(options).option(ConnectionFactoryOptions.DRIVER, protocol.toString()).build();
		}
		return options;
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
		return listening;
	}

	@Override
	public void start() {
		firstListen = new CountDownLatch(1);
		subscription = Flux.defer(this::listenOnce)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
				.doBeforeRetry(signal -> {
					listening = false;
					log.warn("Matchmaking events: listening connection lost ({}), reconnecting", signal.failure().toString());
				}))
			.subscribe(notification -> MatchmakingEvent.decode(notification.getParameter()).ifPresent(local::tryEmitNext),
					ex -> log.error("Matchmaking events stopped", ex));
		try {
			// an instance serves subscriptions only once it hears the others
			if (!firstListen.await(15, TimeUnit.SECONDS)) {
				log.warn("Matchmaking events: not listening yet; live updates start when the database answers");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Flux<Notification> listenOnce() {
		return Flux.usingWhen(Mono.from(listenerConnections.create()).cast(PostgresqlConnection.class), connection -> {
			Mono<Notification> listen = connection.createStatement("LISTEN " + CHANNEL)
				.execute()
				.flatMap(PostgresqlResult::getRowsUpdated)
				.then()
				.doOnSuccess(done -> {
					listening = true;
					firstListen.countDown();
					log.info("Matchmaking events: listening on channel {}", CHANNEL);
				})
				.then(Mono.empty());
			Flux<Notification> heartbeat = Flux.interval(HEARTBEAT)
				.concatMap(tick -> connection.validate(ValidationDepth.REMOTE))
				.concatMap(alive -> alive ? Mono.<Notification>empty()
						: Mono.error(new IllegalStateException("the listening connection does not answer")));
			// notifications first, so none is missed between LISTEN and the subscription
			return Flux.merge(connection.getNotifications(), listen, heartbeat)
				.concatWith(Flux.error(new IllegalStateException("the listening connection closed")));
		}, PostgresqlConnection::close, (connection, ex) -> connection.close(), PostgresqlConnection::close);
	}

	@Override
	public void stop() {
		Disposable current = subscription;
		if (current != null) {
			current.dispose();
		}
		listening = false;
	}

	@Override
	public boolean isRunning() {
		return subscription != null && !subscription.isDisposed();
	}

}
