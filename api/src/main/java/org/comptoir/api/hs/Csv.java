package org.comptoir.api.hs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small RFC 4180 reader: quoted fields, doubled quotes, commas and line breaks inside quotes, a BOM. */
final class Csv {

	private Csv() {
	}

	/** Rows as maps from header name to value. */
	static List<Map<String, String>> read(Reader source) throws IOException {
		List<List<String>> rows = parse(new BufferedReader(source));
		if (rows.isEmpty()) {
			return List.of();
		}
		List<String> header = rows.get(0).stream().map(h -> h.replace("\uFEFF", "").trim()).toList();
		List<Map<String, String>> result = new ArrayList<>();
		for (List<String> row : rows.subList(1, rows.size())) {
			if (row.size() == 1 && row.get(0).isBlank()) {
				continue;
			}
			Map<String, String> map = new HashMap<>();
			for (int i = 0; i < header.size() && i < row.size(); i++) {
				map.put(header.get(i), row.get(i));
			}
			result.add(map);
		}
		return result;
	}

	private static List<List<String>> parse(BufferedReader in) throws IOException {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		int c;
		while ((c = in.read()) != -1) {
			char ch = (char) c;
			if (quoted) {
				if (ch == '"') {
					in.mark(1);
					int next = in.read();
					if (next == '"') {
						field.append('"');
					}
					else {
						quoted = false;
						if (next != -1) {
							in.reset();
						}
					}
				}
				else {
					field.append(ch);
				}
			}
			else if (ch == '"') {
				quoted = true;
			}
			else if (ch == ',') {
				row.add(field.toString());
				field.setLength(0);
			}
			else if (ch == '\n') {
				row.add(field.toString());
				field.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
			}
			else if (ch != '\r') {
				field.append(ch);
			}
		}
		if (field.length() > 0 || !row.isEmpty()) {
			row.add(field.toString());
			rows.add(row);
		}
		return rows;
	}

}
