package org.comptoir.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import org.comptoir.api.hs.HsImporter;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The admin command that imports the full HS nomenclature:
 * {@code java -jar local/target/comptoir-local.jar --comptoir.hs.import=path/to/harmonized-system.csv}
 * (or {@code COMPTOIR_HS_IMPORT}). Runs with the migration (owner) connection, once per start; safe to repeat.
 */
@Component
public class HsImportRunner implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(HsImportRunner.class);

	private final Flyway flyway;

	private final String file;

	HsImportRunner(Flyway flyway, @Value("${comptoir.hs.import:}") String file) {
		this.flyway = flyway;
		this.file = file;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		if (file.isBlank()) {
			return;
		}
		Path csv = Path.of(file);
		if (!Files.isReadable(csv)) {
			throw new IllegalArgumentException("comptoir.hs.import: cannot read " + csv.toAbsolutePath());
		}
		try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
			int count = HsImporter.importFull(connection, csv);
			log.info("Imported the HS nomenclature from {}: {} codes; codes must now exist themselves", csv, count);
		}
	}

}
