package org.comptoir.tenants;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the chamber definition files ({@code classpath*:chambers/*.json}), one chamber per file.
 */
public final class ChamberDefinitions {

	/** A definition and the hash of its file, so a changed file can be told from an unchanged one. */
	public record Definition(Chamber chamber, String sha256) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ChamberDefinitions() {
	}

	public static List<Definition> load() {
		return load("classpath*:chambers/*.json");
	}

	public static List<Definition> load(String pattern) {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
			List<Definition> definitions = new ArrayList<>();
			for (Resource resource : resources) {
				byte[] bytes;
				try (InputStream in = resource.getInputStream()) {
					bytes = in.readAllBytes();
				}
				Chamber chamber = JSON.readValue(new String(bytes, StandardCharsets.UTF_8), Chamber.class);
				if (!TenantSlugs.isValid(chamber.slug())) {
					throw new IllegalStateException("Invalid chamber slug '" + chamber.slug() + "' in " + resource);
				}
				definitions.add(new Definition(chamber, sha256(bytes)));
			}
			definitions.sort(Comparator.comparing(d -> d.chamber().slug()));
			return List.copyOf(definitions);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read chamber definitions " + pattern, ex);
		}
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
