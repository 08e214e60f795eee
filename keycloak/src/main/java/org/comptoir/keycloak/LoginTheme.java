package org.comptoir.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The login theme {@value #NAME}: Keycloak's {@code keycloak.v2} (its pages, translations and right-to-left
 * layouts) with the chamber's name and logo in the header and its colours, which the portal serves as
 * {@code <portal>/brand.css} ({@code --brand-primary}, {@code --brand-accent}, {@code .brand-logo}).
 * <p>
 * Its files are resources of this jar under {@value #RESOURCE_ROOT}, with {@code META-INF/keycloak-themes.json}:
 * the build also packs them alone as {@code comptoir-keycloak-<version>-theme.jar}, the theme JAR a
 * production Keycloak takes in {@code providers/}. The local launcher copies them into its Keycloak's
 * {@code themes/} ({@link #install}), which needs no {@code kc.sh build}.
 */
public final class LoginTheme {

	/** The theme's name, the realms' {@code loginTheme}. */
	public static final String NAME = "comptoir";

	/** Where the theme's files are on the class path (and in the theme JAR). */
	static final String RESOURCE_ROOT = "theme/" + NAME;

	/** Every file of the theme, relative to {@link #RESOURCE_ROOT}. */
	static final List<String> FILES = List.of("login/theme.properties", "login/footer.ftl",
			"login/resources/css/comptoir.css");

	private LoginTheme() {
	}

	/**
	 * Writes the theme into a Keycloak's themes directory as {@code <themesDir>/comptoir/}, replacing
	 * whatever an earlier version left there.
	 * @return the theme's directory
	 */
	public static Path install(Path themesDir) {
		Path theme = themesDir.resolve(NAME);
		try {
			if (Files.exists(theme)) {
				try (Stream<Path> old = Files.walk(theme)) {
					for (Path each : old.sorted(Comparator.reverseOrder()).toList()) {
						Files.delete(each);
					}
				}
			}
			for (String file : FILES) {
				Path target = theme.resolve(file);
				Files.createDirectories(target.getParent());
				try (InputStream in = LoginTheme.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + "/" + file)) {
					if (in == null) {
						throw new IOException("No resource " + RESOURCE_ROOT + "/" + file);
					}
					Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			return theme;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot install the login theme into " + themesDir, ex);
		}
	}

}
