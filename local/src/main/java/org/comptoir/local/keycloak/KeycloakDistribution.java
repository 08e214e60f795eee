package org.comptoir.local.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keycloak server distribution ({@code keycloak-quarkus-dist-<version>.zip}): found in the
 * local Maven repository, else downloaded from Maven Central, and unpacked once.
 */
final class KeycloakDistribution {

	private static final Logger log = LoggerFactory.getLogger(KeycloakDistribution.class);

	static final String CENTRAL = "https://repo.maven.apache.org/maven2";

	/** Written last when unpacking, so a half-unpacked directory is told apart and redone. */
	static final String MARKER = ".comptoir-unpacked";

	private KeycloakDistribution() {
	}

	/** {@code org/keycloak/keycloak-quarkus-dist/<v>/keycloak-quarkus-dist-<v>.zip}, repository-relative. */
	static String artifactPath(String version) {
		return "org/keycloak/keycloak-quarkus-dist/" + version + "/keycloak-quarkus-dist-" + version + ".zip";
	}

	/** The local Maven repository: {@code maven.repo.local} if set, else {@code ~/.m2/repository}. */
	static Path localRepository() {
		String configured = System.getProperty("maven.repo.local");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		return Path.of(System.getProperty("user.home"), ".m2", "repository");
	}

	/** The zip: from the local Maven repository, else from {@code <dataDir>/downloads}, downloaded if needed. */
	static Path locate(Path localRepository, Path dataDir, String version) {
		Path inRepository = localRepository.resolve(artifactPath(version));
		if (Files.isRegularFile(inRepository)) {
			return inRepository;
		}
		Path downloaded = dataDir.resolve("downloads").resolve("keycloak-quarkus-dist-" + version + ".zip");
		if (Files.isRegularFile(downloaded)) {
			return downloaded;
		}
		download(CENTRAL + "/" + artifactPath(version), downloaded);
		return downloaded;
	}

	/**
	 * Unpacks the zip into {@code <parent>/keycloak-<version>/} unless a previous run finished doing
	 * so; returns that Keycloak home.
	 */
	static Path unpack(Path zip, Path parent, String version) {
		Path home = parent.resolve("keycloak-" + version);
		if (Files.exists(home.resolve(MARKER))) {
			return home;
		}
		try {
			log.info("Unpacking Keycloak {} into {} (first start only)", version, home);
			deleteRecursively(home);
			Files.createDirectories(parent);
			Path root = parent.toRealPath();
			try (ZipFile file = new ZipFile(zip.toFile())) {
				Enumeration<? extends ZipEntry> entries = file.entries();
				while (entries.hasMoreElements()) {
					ZipEntry entry = entries.nextElement();
					Path target = root.resolve(entry.getName()).normalize();
					if (!target.startsWith(root)) {
						throw new IOException("Zip entry outside the target directory: " + entry.getName());
					}
					if (entry.isDirectory()) {
						Files.createDirectories(target);
					}
					else {
						Files.createDirectories(target.getParent());
						try (InputStream in = file.getInputStream(entry)) {
							Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
						}
					}
				}
			}
			if (!Files.isDirectory(home.resolve("bin"))) {
				throw new IOException(zip + " has no keycloak-" + version + "/bin directory");
			}
			// java.util.zip drops the Unix modes; the scripts must run.
			try (Stream<Path> scripts = Files.walk(home.resolve("bin"))) {
				scripts.filter(path -> path.toString().endsWith(".sh")).forEach(path -> path.toFile().setExecutable(true));
			}
			Files.writeString(home.resolve(MARKER), "unpacked from " + zip + "\n");
			return home;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot unpack " + zip + " into " + parent, ex);
		}
	}

	private static void download(String url, Path target) {
		log.info("Downloading Keycloak from {} (~170 MB, first start only) into {}", url, target);
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(30))
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		Path partial = target.resolveSibling(target.getFileName() + ".part");
		try {
			Files.createDirectories(target.getParent());
			HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
					HttpResponse.BodyHandlers.ofFile(partial));
			if (response.statusCode() != 200) {
				throw new IOException("HTTP " + response.statusCode());
			}
			HttpResponse<String> sha1 = http.send(HttpRequest.newBuilder(URI.create(url + ".sha1")).GET().build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
			if (sha1.statusCode() == 200) {
				String expected = sha1.body().strip().split("\\s+")[0];
				String actual = sha1(partial);
				if (!expected.equalsIgnoreCase(actual)) {
					throw new IOException("SHA-1 mismatch: expected " + expected + ", got " + actual);
				}
			}
			Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot download " + url, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while downloading " + url, ex);
		}
	}

	private static String sha1(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-1");
			byte[] buffer = new byte[1 << 16];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(each);
			}
		}
	}

}
