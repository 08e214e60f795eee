package org.comptoir.local.keycloak;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.comptoir.keycloak.RealmTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakLauncherTests {

	@TempDir
	Path dir;

	@Test
	void defaultsAreTheLocalKeycloakOfTheContract() {
		KeycloakLauncher.Settings settings = KeycloakLauncher.Settings.defaults(this.dir);

		assertThat(settings.serverUrl()).isEqualTo("http://127.0.0.1:8180");
		assertThat(settings.issuer("senegal")).isEqualTo("http://127.0.0.1:8180/realms/senegal");
		assertThat(settings.version()).isEqualTo(KeycloakLauncher.DEFAULT_VERSION).matches("\\d+\\.\\d+\\.\\d+");
		assertThat(settings.logFile()).isEqualTo(this.dir.resolve("keycloak/keycloak.log"));
	}

	@Test
	void distributionIsTakenFromTheLocalMavenRepositoryFirst() throws IOException {
		Path repository = this.dir.resolve("repository");
		Path zip = repository.resolve(KeycloakDistribution.artifactPath("1.2.3"));
		Files.createDirectories(zip.getParent());
		Files.writeString(zip, "zip");

		assertThat(KeycloakDistribution.locate(repository, this.dir.resolve("data"), "1.2.3")).isEqualTo(zip);
		assertThat(KeycloakDistribution.artifactPath("1.2.3"))
			.isEqualTo("org/keycloak/keycloak-quarkus-dist/1.2.3/keycloak-quarkus-dist-1.2.3.zip");
	}

	@Test
	void distributionIsUnpackedOnceWithExecutableScripts() throws IOException {
		Path zip = fakeDistribution("1.2.3");
		Path parent = this.dir.resolve("data/keycloak");

		Path home = KeycloakDistribution.unpack(zip, parent, "1.2.3");

		assertThat(home).isEqualTo(parent.resolve("keycloak-1.2.3"));
		assertThat(home.resolve("bin/kc.sh")).isExecutable();
		assertThat(home.resolve(KeycloakDistribution.MARKER)).exists();

		Files.writeString(home.resolve("data/kept.txt"), "database");
		KeycloakDistribution.unpack(zip, parent, "1.2.3");
		assertThat(home.resolve("data/kept.txt")).exists();
	}

	@Test
	void halfUnpackedDistributionIsUnpackedAgain() throws IOException {
		Path zip = fakeDistribution("1.2.3");
		Path home = this.dir.resolve("data/keycloak/keycloak-1.2.3");
		Files.createDirectories(home.resolve("bin"));
		Files.writeString(home.resolve("bin/leftover"), "half");

		KeycloakDistribution.unpack(zip, home.getParent(), "1.2.3");

		assertThat(home.resolve("bin/leftover")).doesNotExist();
		assertThat(home.resolve("bin/kc.sh")).exists();
		assertThat(home.resolve(KeycloakDistribution.MARKER)).exists();
	}

	@Test
	void importDirectoryHoldsExactlyTheGivenRealms() throws IOException {
		Path importDir = this.dir.resolve("import");
		Files.createDirectories(importDir);
		Files.writeString(importDir.resolve("old-realm.json"), "{}");

		KeycloakLauncher.writeImports(importDir, List.of(RealmTemplate.development().platformRealm()));

		try (var files = Files.list(importDir)) {
			assertThat(files.map(path -> path.getFileName().toString())).containsExactly("platform-realm.json");
		}
		assertThat(Files.readString(importDir.resolve("platform-realm.json"))).contains("\"realm\" : \"platform\"");
	}

	@Test
	void probeTellsAFreePortFromAPortTakenBySomethingElse() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			int port = socket.getLocalPort();
			// Something that is not an HTTP server: answers garbage and hangs up.
			Thread server = new Thread(() -> {
				try (var client = socket.accept()) {
					client.getOutputStream().write("SSH-2.0-not-http\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				catch (IOException ex) {
					// the socket closed at the end of the test
				}
			});
			server.setDaemon(true);
			server.start();
			KeycloakLauncher.Settings taken = new KeycloakLauncher.Settings(this.dir, "127.0.0.1", port, null, null,
					null);
			assertThat(KeycloakLauncher.probe(taken)).isEqualTo(KeycloakLauncher.Probe.OTHER);
		}
		int free;
		try (ServerSocket socket = new ServerSocket(0)) {
			free = socket.getLocalPort();
		}
		assertThat(KeycloakLauncher.probe(new KeycloakLauncher.Settings(this.dir, "127.0.0.1", free, null, null,
				null)))
			.isEqualTo(KeycloakLauncher.Probe.NOTHING);
	}

	private Path fakeDistribution(String version) throws IOException {
		Path zip = this.dir.resolve("dist.zip");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
			String root = "keycloak-" + version + "/";
			for (String directory : List.of(root, root + "bin/", root + "data/")) {
				out.putNextEntry(new ZipEntry(directory));
				out.closeEntry();
			}
			out.putNextEntry(new ZipEntry(root + "bin/kc.sh"));
			write(out, "#!/bin/sh\n");
			out.closeEntry();
			out.putNextEntry(new ZipEntry(root + "version.txt"));
			write(out, "Keycloak - Version " + version);
			out.closeEntry();
		}
		return zip;
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
	}

}
