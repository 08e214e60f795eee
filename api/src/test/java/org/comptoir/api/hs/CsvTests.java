package org.comptoir.api.hs;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTests {

	@Test
	void quotedFieldsBomBlankLinesAndShortRowsReadAsBefore() throws Exception {
		String csv = "\uFEFFsection,hscode,description\r\nI,0101,\"Horses, asses; \"\"live\"\"\nand more\"\r\n\r\nII,09\n";
		List<Map<String, String>> rows = Csv.read(new StringReader(csv));
		assertThat(rows).containsExactly(
				Map.of("section", "I", "hscode", "0101", "description", "Horses, asses; \"live\"\nand more"),
				Map.of("section", "II", "hscode", "09"));
	}

	@Test
	void anEmptyFileHasNoRows() throws Exception {
		assertThat(Csv.read(new StringReader(""))).isEmpty();
	}

}
