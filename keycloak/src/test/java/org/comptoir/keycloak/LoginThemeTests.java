package org.comptoir.keycloak;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThemeTests {

	@Test
	void installCopiesEveryFileOfTheThemeAndNothingElse() throws IOException, URISyntaxException {
		Path resources = Path.of(LoginThemeTests.class.getClassLoader().getResource(LoginTheme.RESOURCE_ROOT).toURI());
		try (Stream<Path> files = Files.walk(resources)) {
			List<String> shipped = files.filter(Files::isRegularFile)
				.map(file -> resources.relativize(file).toString().replace('\\', '/'))
				.sorted()
				.toList();
			assertThat(shipped).containsExactlyInAnyOrderElementsOf(LoginTheme.FILES);
		}
	}

	@Test
	void installReplacesAnEarlierVersion(@TempDir Path themes) throws IOException {
		Files.createDirectories(themes.resolve("comptoir/login"));
		Files.writeString(themes.resolve("comptoir/login/stale.ftl"), "old");

		Path theme = LoginTheme.install(themes);

		assertThat(theme).isEqualTo(themes.resolve("comptoir"));
		assertThat(theme.resolve("login/stale.ftl")).doesNotExist();
		for (String file : LoginTheme.FILES) {
			assertThat(theme.resolve(file)).isRegularFile();
		}
	}

	@Test
	void themeExtendsKeycloakV2AddingItsStylesheetToKeycloaks() throws IOException {
		Properties properties = new Properties();
		try (var in = LoginTheme.class.getClassLoader().getResourceAsStream("theme/comptoir/login/theme.properties")) {
			properties.load(in);
		}
		assertThat(properties.getProperty("parent")).isEqualTo("keycloak.v2");
		assertThat(properties.getProperty("styles")).isEqualTo("css/styles.css css/comptoir.css");
		assertThat(properties.getProperty("darkMode")).isEqualTo("false");
	}

	@Test
	void stylesheetTakesEveryColourFromTheBrandWithAFallback() throws IOException {
		String css;
		try (var in = LoginTheme.class.getClassLoader().getResourceAsStream("theme/comptoir/login/resources/css/comptoir.css")) {
			css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(css).contains("var(--brand-primary, #").contains("var(--brand-accent, #").contains(".brand-logo");
		// no colour of a chamber baked in: only the two fallbacks, the page's grey and the header's white
		assertThat(css.replaceAll("/\\*(?s:.*?)\\*/", "")).containsPattern("#[0-9a-fA-F]{3,6}")
			.doesNotContainPattern("#(?!1f4e79|c8a23c|f4f5f7|fff\\b)[0-9a-fA-F]{3,6}\\b");
	}

	@Test
	void keycloakFindsTheThemeInTheJarByItsDescriptor() throws IOException {
		String descriptor;
		try (var in = LoginTheme.class.getClassLoader().getResourceAsStream("META-INF/keycloak-themes.json")) {
			descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(descriptor).contains("\"name\": \"comptoir\"").contains("\"types\": [\"login\"]");
	}

}
