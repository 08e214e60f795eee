package org.comptoir.api.notification;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * What other instances (and this one) tell through PostgreSQL {@code NOTIFY}, heard on one dedicated
 * connection per instance: a writer notifies in its own transaction (so a notification leaves only if
 * the write commits), and every instance {@code LISTEN}s on the channels its features asked for before
 * start. The connection is not from the pool; when it fails, or a heartbeat finds it dead, a new one
 * listens again (backoff up to 5 s). Notifications sent while no connection listens are lost to this
 * instance: {@link #listens()} tells each new start of listening, so a feature that keeps state can
 * assume it missed something.
 */
@Component
public class DatabaseNotifications implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);

	private static final Duration HEARTBEAT = Duration.ofSeconds(30);

	private final ConnectionFactory listenerConnections;

	private final Set<String> channels = ConcurrentHashMap.newKeySet();

	private final Sinks.Many<Notification> received = Sinks.many().multicast().directBestEffort();

	private final Sinks.Many<Boolean> listenStarts = Sinks.many().multicast().directBestEffort();

	private volatile CountDownLatch firstListen = new CountDownLatch(1);

	private volatile boolean listening;

	private volatile Disposable subscription;

	DatabaseNotifications(R2dbcConnectionDetails database) {
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

	/**
	 * The payloads of one channel from now on, as this instance hears them. Asked for before start (in a
	 * bean's constructor): the channel is listened on from the first connection. A subscriber must be
	 * quick (it runs on the listening connection's thread); a slow one misses payloads.
	 */
	public Flux<String> payloads(String channel) {
		if (!channel.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a plain channel name: " + channel);
		}
		if (isRunning()) {
			throw new IllegalStateException("Channel " + channel + " asked for after start");
		}
		channels.add(channel);
		return received.asFlux()
			.filter(notification -> channel.equals(notification.getName()))
			.map(notification -> notification.getParameter() == null ? "" : notification.getParameter());
	}

	/** A signal each time a connection starts listening: what was sent before it may have been missed. */
	public Flux<Boolean> listens() {
		return listenStarts.asFlux();
	}

	/** Whether a connection listens now. */
	public boolean listening() {
		return listening;
	}

	@Override
	public void start() {
		firstListen = new CountDownLatch(1);
		subscription = Flux.defer(this::listenOnce)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
				.doBeforeRetry(signal -> {
					listening = false;
					log.warn("Database notifications: listening connection lost ({}), reconnecting", signal.failure().toString());
				}))
			.subscribe(received::tryEmitNext, ex -> log.error("Database notifications stopped", ex));
		try {
			// an instance serves only once it hears the others
			if (!firstListen.await(15, TimeUnit.SECONDS)) {
				log.warn("Database notifications: not listening yet; they start when the database answers");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Flux<Notification> listenOnce() {
		return Flux.usingWhen(Mono.from(listenerConnections.create()).cast(PostgresqlConnection.class), connection -> {
			Mono<Notification> listen = Flux.fromIterable(Set.copyOf(channels))
				.concatMap(channel -> connection.createStatement("LISTEN " + channel).execute().flatMap(PostgresqlResult::getRowsUpdated))
				.then()
				.doOnSuccess(done -> {
					listening = true;
					firstListen.countDown();
					listenStarts.tryEmitNext(true);
					log.info("Database notifications: listening on {}", channels);
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
