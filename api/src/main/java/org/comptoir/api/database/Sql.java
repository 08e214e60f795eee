package org.comptoir.api.database;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A query assembled from optional parts (filters, cursors), still plain SQL with named parameters:
 * what runs is what a reviewer reads in {@link #toString()}.
 */
public final class Sql {

	private final StringBuilder text = new StringBuilder();

	private final Map<String, Object> binds = new LinkedHashMap<>();

	public Sql(String text) {
		this.text.append(text);
	}

	/** Appends a part, separated by a space (text blocks lose their leading blanks). */
	public Sql append(String part) {
		if (text.length() > 0 && !Character.isWhitespace(text.charAt(text.length() - 1)) && !part.isEmpty()
				&& !Character.isWhitespace(part.charAt(0))) {
			text.append(' ');
		}
		text.append(part);
		return this;
	}

	/** Appends a part and binds its parameter (never null: leave the part out instead). */
	public Sql append(String part, String name, Object value) {
		append(part);
		binds.put(name, value);
		return this;
	}

	/** Appends another part with its parameters (a shared filter for a page and its count). */
	public Sql append(Sql part) {
		append(part.text.toString());
		binds.putAll(part.binds);
		return this;
	}

	public Sql bind(String name, Object value) {
		binds.put(name, value);
		return this;
	}

	public DatabaseClient.GenericExecuteSpec on(DatabaseClient database) {
		return database.sql(text.toString()).bindValues(binds);
	}

	@Override
	public String toString() {
		return text.toString();
	}

}
