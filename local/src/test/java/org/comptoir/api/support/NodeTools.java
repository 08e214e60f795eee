package org.comptoir.api.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The Node tools of {@code src/test/node} (federation gateway and second subgraph, graphql-http audit,
 * contract diff), run by the tests against the live API. Their npm dependencies are pinned by
 * {@code package-lock.json} and installed here with {@code npm ci} on first use, again whenever the
 * lockfile changes: a clean clone needs Node 20 and npm, nothing installed by hand.
 */
public final class NodeTools {

	/** Where the tools are, from the module directory (the tests' working directory). */
	public static final Path DIR = Path.of("src", "test", "node").toAbsolutePath();

	private static final Path STAMP = DIR.resolve("node_modules").resolve(".comptoir-lock-sha256");

	private NodeTools() {
	}

	/** Runs {@code npm ci} unless node_modules was installed from this very lockfile. */
	public static synchronized void install() {
		String lock = sha256(DIR.resolve("package-lock.json"), DIR.resolve("package.json"));
		try {
			if (Files.exists(STAMP) && Files.readString(STAMP).equals(lock)) {
				return;
			}
			Result result = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Duration.ofMinutes(3));
			if (result.exitCode() != 0) {
				throw new IllegalStateException("npm ci failed in " + DIR + ":\n" + result.output());
			}
			Files.writeString(STAMP, lock);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Runs a Node script of the tools to its end; output is stdout and stderr together. */
	public static Result node(Duration timeout, String script, String... args) {
		install();
		List<String> command = new ArrayList<>(List.of("node", script));
		command.addAll(List.of(args));
		return run(command, timeout);
	}

	/**
	 * Starts a long-running Node script and returns once it prints a line matching {@code ready}
	 * (the line is returned with the process), or fails with the output so far.
	 */
	public static Started start(Duration timeout, Predicate<String> ready, String script, String... args) {
		install();
		List<String> command = new ArrayList<>(List.of("node", script));
		command.addAll(List.of(args));
		Process process = processOf(command);
		StringBuilder output = new StringBuilder();
		CompletableFuture<String> readyLine = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					synchronized (output) {
						output.append(line).append('\n');
					}
					if (ready.test(line)) {
						readyLine.complete(line);
					}
				}
			}
			catch (IOException ex) {
				// the process is gone
			}
			readyLine.completeExceptionally(new IllegalStateException("exited before it was ready"));
		}, "node-" + script);
		reader.setDaemon(true);
		reader.start();
		try {
			return new Started(process, readyLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS), output);
		}
		catch (Exception ex) {
			process.destroyForcibly();
			synchronized (output) {
				throw new IllegalStateException("node " + script + " did not start (" + ex.getMessage() + "):\n" + output, ex);
			}
		}
	}

	private static Result run(List<String> command, Duration timeout) {
		Process process = processOf(command);
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
			try {
				return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout);
			}
			return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Process processOf(List<String> command) {
		try {
			return new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + command.get(0) + " (Node 20 and npm must be on the PATH): " + ex.getMessage(), ex);
		}
	}

	private static String sha256(Path... files) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Path file : files) {
				digest.update(Files.readAllBytes(file));
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public record Result(int exitCode, String output) {
	}

	/** A running Node process; close stops it. */
	public record Started(Process process, String readyLine, StringBuilder buffer) implements AutoCloseable {

		/** What the process printed so far. */
		public String output() {
			synchronized (buffer) {
				return buffer.toString();
			}
		}

		@Override
		public void close() {
			process.destroy();
			try {
				if (!process.waitFor(5, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
		}

	}

}
