package org.comptoir.local.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.comptoir.keycloak.LoginTheme;
import org.comptoir.keycloak.RealmTemplate;
import org.comptoir.keycloak.RealmProvisioner;
import org.keycloak.representations.idm.RealmRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the real Keycloak server ({@code kc.sh start-dev}) as a child process, for local runs and
 * tests: unpacked once under the data directory, its database (H2 file) kept there across
 * restarts, its output in {@code <dataDir>/keycloak/keycloak.log}.
 * <p>
 * If a Keycloak already answers on the port (another run, or one left behind by a killed JVM), it
 * is used instead, and the realms it lacks are created through its admin API. Otherwise the realms
 * are imported at startup ({@code --import-realm}); Keycloak skips those that exist already, so a
 * restart keeps every change made since, but for their login pages: the login theme (which a start
 * copies into the server's {@code themes/}, {@link LoginTheme}), the header and the portal's URLs
 * follow the realms given ({@link RealmProvisioner#updateLoginPages}).
 * <p>
 * The issuer is fixed ({@code --hostname}): tokens say {@code http://<host>:<port>/realms/<realm>}
 * whatever host name a client used to reach Keycloak.
 */
public final class KeycloakLauncher implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KeycloakLauncher.class);

	/** The Keycloak version of the build ({@code keycloak.version} of the parent pom). */
	public static final String DEFAULT_VERSION = buildVersion();

	static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);

	static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final AtomicReference<KeycloakLauncher> shared = new AtomicReference<>();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/**
	 * Where and how Keycloak runs.
	 *
	 * @param dataDir the local state: {@code keycloak/keycloak-<version>/} (the server and its
	 * database), {@code keycloak/keycloak.log}, {@code downloads/} (when the local Maven repository
	 * lacks the distribution)
	 * @param host the address Keycloak listens on, and the host of its issuer URLs
	 * @param port its HTTP port
	 * @param version the Keycloak version
	 * @param adminUser the master realm's admin, created on the first start only: later starts
	 * on the same data directory keep the first one's credentials
	 * @param adminPassword that admin's password
	 */
	public record Settings(Path dataDir, String host, int port, String version, String adminUser,
			String adminPassword) {

		public Settings {
			dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
			host = (host != null && !host.isBlank()) ? host : "127.0.0.1";
			if (port <= 0 || port > 65535) {
				throw new IllegalArgumentException("Invalid Keycloak port " + port);
			}
			version = (version != null && !version.isBlank()) ? version : DEFAULT_VERSION;
			adminUser = (adminUser != null && !adminUser.isBlank()) ? adminUser : "admin";
			adminPassword = (adminPassword != null && !adminPassword.isBlank()) ? adminPassword : "admin";
		}

		/** {@code http://127.0.0.1:8180}, the build's Keycloak version, master admin {@code admin}/{@code admin}. */
		public static Settings defaults(Path dataDir) {
			return new Settings(dataDir, "127.0.0.1", 8180, DEFAULT_VERSION, "admin", "admin");
		}

		/** Keycloak's base URL, e.g. {@code http://127.0.0.1:8180}. */
		public String serverUrl() {
			return "http://" + this.host + ":" + this.port;
		}

		/** The {@code iss} of a realm's tokens, e.g. {@code http://127.0.0.1:8180/realms/senegal}. */
		public String issuer(String realm) {
			return serverUrl() + "/realms/" + realm;
		}

		/** Where the server is unpacked and its output goes. */
		public Path keycloakDir() {
			return this.dataDir.resolve("keycloak");
		}

		/** The server's output. */
		public Path logFile() {
			return keycloakDir().resolve("keycloak.log");
		}

	}

	private final Settings settings;

	private final Process process;

	private final Thread shutdownHook;

	private boolean closed;

	private KeycloakLauncher(Settings settings, Process process) {
		this.settings = settings;
		this.process = process;
		this.shutdownHook = (process != null) ? new Thread(this::stop, "keycloak-stop") : null;
		if (this.shutdownHook != null) {
			Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		}
	}

	/**
	 * Starts Keycloak with these realms, or uses the Keycloak already answering on the port and
	 * creates the realms it lacks. Returns once Keycloak answers.
	 * @param realms the realms that must exist, e.g. {@link DemoUsers#realms}; of existing ones only
	 * the login pages are updated
	 * @throws IllegalStateException if the port is taken by something else, or Keycloak exits or
	 * does not answer within 300 s (the message names the log file)
	 */
	public static KeycloakLauncher start(Settings settings, List<RealmRepresentation> realms) {
		KeycloakLauncher launcher = switch (probe(settings)) {
			case KEYCLOAK -> {
				log.info("Using the Keycloak already running on {}", settings.serverUrl());
				yield new KeycloakLauncher(settings, null);
			}
			case OTHER -> throw new IllegalStateException("Port " + settings.port() + " on " + settings.host()
					+ " is taken by something that is not Keycloak; stop it or choose another port");
			case NOTHING -> launch(settings, realms);
		};
		try {
			launcher.ensureRealms(realms);
		}
		catch (RuntimeException ex) {
			launcher.close();
			throw ex;
		}
		return launcher;
	}

	/**
	 * The JVM's Keycloak, started (or found) on the first call, so that every application context
	 * of a test run shares one; later calls create the realms it lacks. It stops when the JVM exits.
	 * A later call with other settings gets the first one's Keycloak (a warning says so).
	 * <p>
	 * Leave closing it to the JVM: a Spring {@code @Bean} returning it should say
	 * {@code destroyMethod = ""}, or the first context to close would stop the others' Keycloak.
	 */
	public static synchronized KeycloakLauncher shared(Settings settings, List<RealmRepresentation> realms) {
		KeycloakLauncher current = shared.get();
		if (current != null && current.isRunning()) {
			if (!current.settings.equals(settings)) {
				log.warn("Keycloak already started with {}; ignoring {}", current.settings, settings);
			}
			current.ensureRealms(realms);
			return current;
		}
		KeycloakLauncher started = start(settings, realms);
		shared.set(started);
		return started;
	}

	public Settings settings() {
		return this.settings;
	}

	/** Keycloak's base URL, e.g. {@code http://127.0.0.1:8180}. */
	public String serverUrl() {
		return this.settings.serverUrl();
	}

	/** The {@code iss} of a realm's tokens. */
	public String issuer(String realm) {
		return this.settings.issuer(realm);
	}

	/** Whether this launcher started the server (and stops it), rather than found one running. */
	public boolean startedHere() {
		return this.process != null;
	}

	/** The {@code kc.sh} process, when this launcher started it. */
	public Optional<ProcessHandle> process() {
		return Optional.ofNullable(this.process).map(Process::toHandle);
	}

	/** The server's output, when this launcher started it. */
	public Path logFile() {
		return this.settings.logFile();
	}

	/** Whether Keycloak still answers. */
	public boolean isRunning() {
		if (this.process != null && !this.process.isAlive()) {
			return false;
		}
		return probe(this.settings) == Probe.KEYCLOAK;
	}

	/**
	 * A provisioner signed in as the master realm's admin; the caller closes it.
	 */
	public RealmProvisioner provisioner(RealmTemplate template) {
		return RealmProvisioner.connect(serverUrl(), this.settings.adminUser(), this.settings.adminPassword(),
				template);
	}

	/**
	 * Creates, through the admin API, those of the realms that do not exist yet, and brings the login pages of
	 * the others to these (realms imported by an earlier version keep their users and settings, and get the
	 * login theme and the portal's URLs).
	 */
	public void ensureRealms(List<RealmRepresentation> realms) {
		if (realms.isEmpty()) {
			return;
		}
		try (RealmProvisioner provisioner = provisioner(RealmTemplate.development())) {
			for (RealmRepresentation realm : realms) {
				if (realmAnswers(realm.getRealm())) {
					provisioner.updateLoginPages(realm);
				}
				else {
					provisioner.importRealm(realm);
				}
			}
		}
	}

	/**
	 * Stops the server and its child processes, if this launcher started them: gracefully, then
	 * forcibly after 30 s. A Keycloak that was found running is left running.
	 */
	@Override
	public void close() {
		shared.compareAndSet(this, null);
		if (this.shutdownHook != null && Thread.currentThread() != this.shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// The JVM is exiting: the hook stops the server.
			}
		}
		stop();
	}

	private synchronized void stop() {
		if (this.closed || this.process == null) {
			this.closed = true;
			return;
		}
		this.closed = true;
		KeycloakProcess.stop(this.process);
	}

	private static KeycloakLauncher launch(Settings settings, List<RealmRepresentation> realms) {
		Path zip = KeycloakDistribution.locate(KeycloakDistribution.localRepository(), settings.dataDir(),
				settings.version());
		Path home = KeycloakDistribution.unpack(zip, settings.keycloakDir(), settings.version());
		// themes/ needs no build, and start-dev caches no theme: a start always serves this version's
		LoginTheme.install(home.resolve("themes"));
		writeImports(home.resolve("data").resolve("import"), realms);
		long started = System.nanoTime();
		Process process = KeycloakProcess.start(settings, home);
		KeycloakLauncher launcher = new KeycloakLauncher(settings, process);
		try {
			KeycloakProcess.awaitReady(settings, process, started);
		}
		catch (RuntimeException ex) {
			launcher.close();
			throw ex;
		}
		log.info("Keycloak ready in {} s on {}", Duration.ofNanos(System.nanoTime() - started).toSeconds(),
				settings.serverUrl());
		return launcher;
	}

	/** Replaces the import directory's realm files with these realms, one file each. */
	static void writeImports(Path importDir, List<RealmRepresentation> realms) {
		try {
			Files.createDirectories(importDir);
			try (Stream<Path> old = Files.list(importDir)) {
				for (Path file : old.filter(path -> path.toString().endsWith(".json")).toList()) {
					Files.delete(file);
				}
			}
			for (RealmRepresentation realm : realms) {
				Files.writeString(importDir.resolve(realm.getRealm() + "-realm.json"), RealmTemplate.toJson(realm),
						StandardCharsets.UTF_8);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the realms to import into " + importDir, ex);
		}
	}

	enum Probe {

		/** Keycloak answers. */
		KEYCLOAK,
		/** Nothing listens. */
		NOTHING,
		/** Something listens, and it is not (or not yet) Keycloak. */
		OTHER

	}

	static Probe probe(Settings settings) {
		try {
			int status = get(settings.serverUrl() + "/realms/master/.well-known/openid-configuration");
			return (status == 200) ? Probe.KEYCLOAK : Probe.OTHER;
		}
		catch (ConnectException ex) {
			return Probe.NOTHING;
		}
		catch (IOException ex) {
			return Probe.OTHER;
		}
	}

	private boolean realmAnswers(String realm) {
		try {
			return get(issuer(realm) + "/.well-known/openid-configuration") == 200;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Keycloak on " + serverUrl() + " does not answer", ex);
		}
	}

	private static int get(String url) throws IOException {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	private static String buildVersion() {
		try (InputStream in = KeycloakLauncher.class.getResourceAsStream("keycloak.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			String version = properties.getProperty("version", "");
			// Unfiltered (run from an IDE without Maven's resource processing): the pom's version.
			return (version.isBlank() || version.startsWith("@")) ? "26.7.3" : version;
		}
		catch (IOException ex) {
			return "26.7.3";
		}
	}

}
