package org.comptoir.api.hs;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Writes HS data with the owner's JDBC connection (the API's own role only reads it): the titles the
 * project ships, in its own words, and the full nomenclature from a CSV in the layout of
 * {@code harmonized-system.csv} ({@code section,hscode,description,parent,level}).
 */
public final class HsImporter {

	private HsImporter() {
	}

	/** The shipped sections, chapters and headings ({@code classpath:hs/*.csv}), French and English. */
	public static void loadShipped(Connection connection) throws SQLException {
		try (PreparedStatement section = connection.prepareStatement("""
				INSERT INTO hs_section (section, title_fr, title_en) VALUES (?, ?, ?)
				ON CONFLICT (section) DO UPDATE SET title_fr = excluded.title_fr, title_en = excluded.title_en""")) {
			for (Map<String, String> row : resource("hs/sections.csv")) {
				section.setString(1, row.get("section"));
				section.setString(2, row.get("title_fr"));
				section.setString(3, row.get("title_en"));
				section.addBatch();
			}
			section.executeBatch();
		}
		try (PreparedStatement code = connection.prepareStatement("""
				INSERT INTO hs_code (code, section, title_fr, title_en)
				VALUES (?, coalesce(?, (SELECT section FROM hs_code WHERE code = left(?, 2))), ?, ?)
				ON CONFLICT (code) DO UPDATE SET title_fr = excluded.title_fr, title_en = excluded.title_en,
				  section = coalesce(excluded.section, hs_code.section)""")) {
			for (Map<String, String> row : resource("hs/chapters.csv")) {
				addCode(code, row.get("code"), row.get("section"), row.get("title_fr"), row.get("title_en"));
			}
			code.executeBatch();
			for (Map<String, String> row : resource("hs/headings.csv")) {
				addCode(code, row.get("code"), null, row.get("title_fr"), row.get("title_en"));
			}
			code.executeBatch();
		}
	}

	/**
	 * Imports every section, chapter, heading and subheading of a nomenclature CSV. Titles the project
	 * ships in its own words are kept; codes it lacks get the CSV's (English) description in both
	 * languages. Returns the number of codes in the file.
	 */
	public static int importFull(Connection connection, Path csv) throws SQLException, IOException {
		List<Map<String, String>> rows;
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			rows = Csv.read(reader);
		}
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try (PreparedStatement section = connection.prepareStatement("""
				INSERT INTO hs_section (section, title_fr, title_en) VALUES (?, ?, ?) ON CONFLICT (section) DO NOTHING""");
				PreparedStatement code = connection.prepareStatement("""
						INSERT INTO hs_code (code, section, title_fr, title_en) VALUES (?, ?, ?, ?)
						ON CONFLICT (code) DO UPDATE SET section = coalesce(hs_code.section, excluded.section)""")) {
			int count = 0;
			for (Map<String, String> row : rows) {
				String value = row.getOrDefault("hscode", "").trim();
				if (!value.matches("[0-9]{2}([0-9]{2}){0,2}")) {
					continue;
				}
				String sectionId = row.get("section");
				section.setString(1, sectionId);
				section.setString(2, "Section " + sectionId);
				section.setString(3, "Section " + sectionId);
				section.addBatch();
				String description = row.getOrDefault("description", value);
				code.setString(1, value);
				code.setString(2, sectionId);
				code.setString(3, description);
				code.setString(4, description);
				code.addBatch();
				count++;
			}
			section.executeBatch();
			code.executeBatch();
			try (PreparedStatement done = connection.prepareStatement(
					"UPDATE hs_nomenclature SET full_imported = true, imported_at = now()")) {
				done.executeUpdate();
			}
			connection.commit();
			return count;
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	private static void addCode(PreparedStatement statement, String code, String section, String fr, String en)
			throws SQLException {
		statement.setString(1, code);
		statement.setString(2, section == null || section.isBlank() ? null : section);
		statement.setString(3, code);
		statement.setString(4, fr);
		statement.setString(5, en);
		statement.addBatch();
	}

	private static List<Map<String, String>> resource(String name) {
		try (Reader reader = new InputStreamReader(
				HsImporter.class.getClassLoader().getResourceAsStream(name), StandardCharsets.UTF_8)) {
			return Csv.read(reader);
		}
		catch (IOException | NullPointerException ex) {
			throw new IllegalStateException("Missing shipped HS data " + name, ex);
		}
	}

}
