package org.comptoir.api.generator;

import org.comptoir.local.generator.DataGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.comptoir.api.ComptoirProperties;
import org.comptoir.local.LocalPostgres;
import org.comptoir.api.support.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator at a small size, in a database of its own on the same server (the others stay as they are). */
@IntegrationTest
class DataGeneratorIntegrationTests {

	@Autowired
	LocalPostgres postgres;

	@Autowired
	ComptoirProperties properties;

	private static int count(Connection connection, String sql) throws SQLException {
		return Integer.parseInt(text(connection, sql));
	}

	private static String text(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	@Test
	void buildsSkewedChambersCompaniesAndSearchableListings() throws Exception {
		String database = "generated_" + System.nanoTime();
		try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(), postgres.superUser(), postgres.superPassword());
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		String url = postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + database;
		Flyway.configure().dataSource(url, postgres.superUser(), postgres.superPassword())
			.placeholders(java.util.Map.of("app_role", properties.database().appRole()))
			.load()
			.migrate();
		try (Connection connection = DriverManager.getConnection(url, postgres.superUser(), postgres.superPassword())) {
			String indexes = "SELECT string_agg(indexdef, '; ' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'listing'";
			String migrated = text(connection, indexes);
			new DataGenerator(connection, new DataGenerator.Size(12, 2_000, 20_000, 7)).run();
			assertThat(text(connection, indexes)).as("the listing indexes, dropped for the load, are back as migrated").isEqualTo(migrated);
			assertThat(count(connection, "SELECT count(*) FROM tenant")).isEqualTo(12);
			assertThat(count(connection, "SELECT count(*) FROM member")).isEqualTo(2_000);
			assertThat(count(connection, "SELECT count(*) FROM listing")).isEqualTo(20_000);
			assertThat(count(connection, "SELECT count(*) FROM listing WHERE search = ''::tsvector")).isZero();
			assertThat(count(connection, "SELECT count(*) FROM listing WHERE status = 'PUBLISHED'")).isBetween(16_000, 19_000);
			// skewed: the largest chamber has many times the companies of the median one
			int largest = count(connection, "SELECT max(n) FROM (SELECT count(*) n FROM member GROUP BY tenant_id) c");
			int median = count(connection, "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM (SELECT count(*) n FROM member GROUP BY tenant_id) c");
			assertThat(largest).isGreaterThan(4 * median);
			// French and English stems, accents removed: "cafe torrefie" and "cashews" find listings
			assertThat(count(connection, """
					SELECT count(*) FROM listing WHERE search @@ (websearch_to_tsquery('french', immutable_unaccent('cafe torrefie'))
					  || websearch_to_tsquery('english', immutable_unaccent('cafe torrefie')))""")).isPositive();
			assertThat(count(connection, """
					SELECT count(*) FROM listing WHERE search @@ websearch_to_tsquery('english', 'cashews')""")).isPositive();
		}
		finally {
			try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(), postgres.superUser(), postgres.superPassword());
					Statement statement = admin.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			}
		}
	}

}
