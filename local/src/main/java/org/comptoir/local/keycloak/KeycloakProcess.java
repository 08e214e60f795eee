package org.comptoir.local.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kc.sh start-dev} child process of {@link KeycloakLauncher}: its command line and
 * environment, the wait until it answers, and its stop (the server and kc.sh, gracefully, then forcibly).
 */
final class KeycloakProcess {

	// logs as the launcher: one category to follow a local Keycloak by
	private static final Logger log = LoggerFactory.getLogger(KeycloakLauncher.class);

	private KeycloakProcess() {
	}

	/** Starts the unpacked server in {@code home}, its output to the settings' log file. */
	static Process start(KeycloakLauncher.Settings settings, Path home) {
		List<String> command = new ArrayList<>();
		if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
			command.addAll(List.of("cmd.exe", "/c", home.resolve("bin").resolve("kc.bat").toString()));
		}
		else {
			command.add(home.resolve("bin").resolve("kc.sh").toString());
		}
		command.addAll(List.of("start-dev", "--http-host=" + settings.host(), "--http-port=" + settings.port(),
				"--hostname=" + settings.serverUrl(), "--import-realm",
				// No management interface, so nothing listens on port 9000 (the default) to clash with.
				"--health-enabled=false", "--metrics-enabled=false"));
		ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(settings.logFile().toFile()));
		Map<String, String> environment = builder.environment();
		environment.put("JAVA_HOME", System.getProperty("java.home"));
		environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", settings.adminUser());
		environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", settings.adminPassword());

		boolean firstStart = !Files.isDirectory(home.resolve("data").resolve("h2"));
		log.info("Starting Keycloak {} on {} ({}); its log: {}", settings.version(), settings.serverUrl(),
				firstStart ? "first start builds, ~30 s" : "~15 s", settings.logFile());
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			return process;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command.get(0), ex);
		}
	}

	/** Returns once Keycloak answers; throws, naming the log, if it exits first or does not answer in time. */
	static void awaitReady(KeycloakLauncher.Settings settings, Process process, long started) {
		long deadline = started + KeycloakLauncher.STARTUP_TIMEOUT.toNanos();
		while (KeycloakLauncher.probe(settings) != KeycloakLauncher.Probe.KEYCLOAK) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Keycloak exited with code " + process.exitValue()
						+ " before answering; see " + settings.logFile() + tail(settings.logFile()));
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Keycloak did not answer on " + settings.serverUrl() + " within "
						+ KeycloakLauncher.STARTUP_TIMEOUT.toSeconds() + " s; see " + settings.logFile()
						+ tail(settings.logFile()));
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for Keycloak", ex);
			}
		}
	}

	/** Stops the server and kc.sh: gracefully, then forcibly after {@link KeycloakLauncher#STOP_TIMEOUT}. */
	static void stop(Process process) {
		long started = System.nanoTime();
		// The Java server is a child of kc.sh; signal both, the server first.
		List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
		tree.add(process.toHandle());
		tree.forEach(ProcessHandle::destroy);
		if (!awaitExit(tree, KeycloakLauncher.STOP_TIMEOUT)) {
			log.warn("Keycloak did not stop within {} s; killing it", KeycloakLauncher.STOP_TIMEOUT.toSeconds());
			tree.forEach(ProcessHandle::destroyForcibly);
			awaitExit(tree, Duration.ofSeconds(10));
		}
		log.info("Keycloak stopped in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
	}

	private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (ProcessHandle handle : processes) {
			long left = deadline - System.nanoTime();
			try {
				handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			catch (Exception ex) {
				return false;
			}
		}
		return true;
	}

	private static String tail(Path logFile) {
		try {
			List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
			return "; last lines:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

}
