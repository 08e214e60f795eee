package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

import org.comptoir.api.hs.HsImporter;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The HS sections, chapters and headings the project ships (in its own words, French and English).
 * Repeatable: it runs again whenever the shipped files change (its checksum is theirs).
 */
public class R__Shipped_hs_nomenclature extends BaseJavaMigration {

	private static final String[] FILES = { "hs/sections.csv", "hs/chapters.csv", "hs/headings.csv" };

	@Override
	public Integer getChecksum() {
		CRC32 crc = new CRC32();
		for (String file : FILES) {
			try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
				if (in != null) {
					crc.update(in.readAllBytes());
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return (int) crc.getValue();
	}

	@Override
	public void migrate(Context context) throws Exception {
		HsImporter.loadShipped(context.getConnection());
	}

}
