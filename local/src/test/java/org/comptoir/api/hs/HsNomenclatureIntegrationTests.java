package org.comptoir.api.hs;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import org.comptoir.local.LocalPostgres;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped nomenclature, and the import of the full one (the admin command's code path). */
@IntegrationTest
class HsNomenclatureIntegrationTests extends Chambers {

	@Autowired
	LocalPostgres postgres;

	/**
	 * The project's own sample of the nomenclature, in the layout of the full file (which stays an
	 * option of the import command): every chapter, and every heading that a test or the demo data
	 * uses, with all its subheadings (97 + 76 + 612 codes), so that their codes stay valid once it is in.
	 */
	static final int SAMPLE_CODES = 97 + 76 + 612;

	static Path nomenclatureCsv() throws URISyntaxException {
		return Path.of(HsNomenclatureIntegrationTests.class.getResource("/hs/nomenclature-sample.csv").toURI());
	}

	@Test
	void shippedNomenclatureHasEverySectionAndChapterInBothLanguages() {
		anonymous("senegal").documentName("HsCodeLookup").variable("query", "09").execute()
			.path("hsCodes[0].code").entity(String.class).isEqualTo("09")
			.path("hsCodes[0].description").entity(String.class).satisfies(d -> assertThat(d).containsIgnoringCase("café"));
		anonymous("rwanda").documentName("HsCodeLookup").variable("query", "09").execute()
			.path("hsCodes[0].description").entity(String.class).satisfies(d -> assertThat(d).containsIgnoringCase("coffee"));
	}

	@Test
	void fullImportAddsEverySixDigitCodeAndThenCodesMustExist() throws Exception {
		try (Connection owner = DriverManager.getConnection(postgres.jdbcUrl(), postgres.superUser(), postgres.superPassword())) {
			int imported = HsImporter.importFull(owner, nomenclatureCsv());
			assertThat(imported).isEqualTo(SAMPLE_CODES);
			assertThat(HsImporter.importFull(owner, nomenclatureCsv())).as("repeatable").isEqualTo(imported);
		}
		anonymous("france").documentName("HsCodeLookup").variable("query", "0101").execute()
			.path("hsCodes[*].code").entityList(String.class).contains("0101", "010121", "010129");
		// shipped titles stay in our words (French for a French-speaking chamber)
		anonymous("france").documentName("HsCodeLookup").variable("query", "0901").execute()
			.path("hsCodes[0].description").entity(String.class).isEqualTo("Café, torréfié ou non, décaféiné ou non");
		// 0901 exists; 090150 has a known chapter but is no code: refused once the full nomenclature is in
		as("newcomer", "france").documentName("RegisterMember").variable("input", Map.of("name", "Brûlerie du Marais",
				"country", "FR", "sectorCodes", List.of("0901", "090150")))
			.execute()
			.path("registerMember.member").valueIsNull()
			.path("registerMember.userErrors[*].code").entityList(String.class).containsExactly("INVALID_HS_CODE")
			.path("registerMember.userErrors[0].field").entityList(String.class).containsExactly("input", "sectorCodes", "1");
	}

}
