package org.comptoir.api.hs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/** CSV files with a header row (RFC 4180, Commons CSV), read as maps from header name to value. */
final class Csv {

	private Csv() {
	}

	static List<Map<String, String>> read(Reader source) throws IOException {
		BufferedReader in = new BufferedReader(source);
		in.mark(1);
		if (in.read() != '\uFEFF') { // a spreadsheet's byte-order mark is no part of the first header
			in.reset();
		}
		try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
			List<String> header = parser.getHeaderNames().stream().map(String::trim).toList();
			return parser.stream().map(record -> {
				Map<String, String> row = new HashMap<>();
				for (int i = 0; i < header.size() && i < record.size(); i++) {
					row.put(header.get(i), record.get(i));
				}
				return row;
			}).toList();
		}
	}

}
