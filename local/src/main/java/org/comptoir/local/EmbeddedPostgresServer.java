package org.comptoir.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of local runs and tests: real binaries (zonky), data kept under the data
 * directory so it survives restarts. One per JVM, shared by every application context in it (tests,
 * and the two instances of the multi-instance tests), stopped when the JVM exits.
 */
public final class EmbeddedPostgresServer implements LocalPostgres {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static EmbeddedPostgresServer shared;

	private volatile EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private final boolean clean;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean clean) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
		this.clean = clean;
	}

	/** Starts the JVM's embedded server on first call; later calls return the same one. */
	public static synchronized EmbeddedPostgresServer shared(Path dataDirectory, int port, boolean clean) {
		if (shared == null) {
			shared = start(dataDirectory, port, clean);
			Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "embedded-postgres-stop"));
		}
		return shared;
	}

	private static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean clean) {
		try {
			if (clean) {
				deleteRecursively(dataDirectory);
			}
			Files.createDirectories(dataDirectory);
			removeStalePidFile(dataDirectory);
			boolean fresh = !Files.exists(dataDirectory.resolve("PG_VERSION"));
			log.info("Starting embedded PostgreSQL, data in {}{}", dataDirectory,
					fresh ? " (new database)" : " (existing database)");
			long started = System.nanoTime();
			EmbeddedPostgres postgres = builder(dataDirectory, port, clean).start();
			log.info("Embedded PostgreSQL ready on port {} in {} ms", postgres.getPort(),
					Duration.ofNanos(System.nanoTime() - started).toMillis());
			return new EmbeddedPostgresServer(postgres, dataDirectory, clean);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + dataDirectory, ex);
		}
	}

	private static EmbeddedPostgres.Builder builder(Path dataDirectory, int port, boolean clean) {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("max_connections", "300")
			.setServerConfig("shared_buffers", "256MB")
			.setServerConfig("fsync", clean ? "off" : "on");
		if (port > 0) {
			builder.setPort(port);
		}
		return builder;
	}

	/**
	 * Stops the server and starts it again on the same data and port, {@code downtime} later, the way
	 * an operator's restart looks to the API (the fault tests).
	 */
	public synchronized void restart(Duration downtime) {
		int port = port();
		stop();
		try {
			Thread.sleep(downtime.toMillis());
			postgres = builder(dataDirectory, port, clean).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot restart embedded PostgreSQL in " + dataDirectory, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while PostgreSQL was down", ex);
		}
	}

	/** A pid file left by a killed process would stop the server from starting again. */
	private static void removeStalePidFile(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (Files.exists(pidFile)) {
			String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
			boolean alive = !first.isEmpty() && ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
			if (!alive) {
				Files.delete(pidFile);
			}
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	public Path dataDirectory() {
		return dataDirectory;
	}

	@Override
	public String host() {
		return "127.0.0.1";
	}

	@Override
	public int port() {
		return postgres.getPort();
	}

	@Override
	public String database() {
		return "postgres";
	}

	@Override
	public String superUser() {
		return "postgres";
	}

	@Override
	public String superPassword() {
		return "postgres";
	}

	private void stop() {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			log.warn("Embedded PostgreSQL did not stop cleanly: {}", ex.getMessage());
		}
	}

}
