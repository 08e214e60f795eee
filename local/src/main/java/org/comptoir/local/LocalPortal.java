package org.comptoir.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference portal beside the local API: its runnable jar (shipped in this one as
 * {@code portal/comptoir-portal.jar}) unpacked into the data directory and run as a child process, as a
 * deployment runs it, a client of the API's GraphQL over the network. It exits with this process (it reads
 * its standard input to the end).
 */
public final class LocalPortal implements AutoCloseable {

	/** Where the build puts the portal's runnable jar among this module's resources. */
	static final String JAR = "portal/comptoir-portal.jar";

	private static final Logger log = LoggerFactory.getLogger(LocalPortal.class);

	private final Process process;

	private final int port;

	private LocalPortal(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts the portal and waits until it answers.
	 *
	 * @param port its port (0: any free one)
	 * @param apiUrl the API's GraphQL endpoint
	 * @param keycloakUrl Keycloak's address (realm {@code <slug>} under {@code /realms/<slug>})
	 * @param forwarderSecret the secret the API trusts the portal's forwarded visitor addresses by
	 */
	public static LocalPortal start(Path dataDir, int port, String apiUrl, String keycloakUrl, String forwarderSecret,
			Duration timeout) {
		try {
			Path jar = unpack(dataDir.resolve("portal"));
			int chosen = port == 0 ? freePort() : port;
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + chosen,
					"--comptoir.portal.api-url=" + apiUrl, "--comptoir.portal.keycloak-url=" + keycloakUrl,
					"--comptoir.portal.forwarder-secret=" + forwarderSecret, "--comptoir.portal.exit-with-parent=true"));
			Path logFile = dataDir.resolve("portal").resolve("portal.log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(logFile.toFile())
				.start();
			LocalPortal portal = new LocalPortal(process, chosen);
			Runtime.getRuntime().addShutdownHook(new Thread(portal::close, "local-portal-stop"));
			portal.awaitUp(timeout, logFile);
			log.info("Portal on http://senegal.localhost:{}/ (each chamber at http://<slug>.localhost:{}/); its log: {}",
					chosen, chosen, logFile);
			return portal;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the portal", ex);
		}
	}

	public int port() {
		return port;
	}

	/** A chamber's portal address, {@code http://<slug>.localhost:<port>}. */
	public String url(String slug) {
		return "http://" + slug + ".localhost:" + port;
	}

	private static Path unpack(Path dir) throws IOException {
		Files.createDirectories(dir);
		Path jar = dir.resolve("comptoir-portal.jar");
		try (InputStream in = LocalPortal.class.getClassLoader().getResourceAsStream(JAR)) {
			if (in == null) {
				throw new IllegalStateException("No " + JAR + " on the classpath: build the portal module first (./mvnw package)");
			}
			Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
		}
		return jar;
	}

	private void awaitUp(Duration timeout, Path logFile) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The portal stopped at start; see " + logFile);
			}
			try {
				HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
					.timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
				if (answer.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep();
		}
		close();
		throw new IllegalStateException("The portal did not answer within " + timeout + "; see " + logFile);
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		if (process.isAlive()) {
			process.destroy();
			try {
				if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
