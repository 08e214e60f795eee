package org.comptoir.api.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.r2dbc.spi.ConnectionFactoryOptions;
import org.comptoir.api.ComptoirProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Where the database comes from. With {@code spring.r2dbc.url} (and {@code spring.flyway.url})
 * configured, Spring Boot connects to that server. Otherwise a {@link LocalPostgres} is used: the one a
 * test provides (a Testcontainers PostgreSQL), else the embedded server started here. Either way the
 * API connects as the application role, and Flyway as the owner of the tables. An auto-configuration, so
 * that it runs after the configurations of the application and of tests.
 */
@AutoConfiguration(before = { R2dbcAutoConfiguration.class, FlywayAutoConfiguration.class })
public class DatabaseConfiguration {

	@Bean
	@ConditionalOnMissingBean(LocalPostgres.class)
	@ConditionalOnProperty(name = "spring.r2dbc.url", matchIfMissing = true, havingValue = "embedded")
	LocalPostgres embeddedPostgres(ComptoirProperties properties) {
		ComptoirProperties.Database database = properties.database();
		Path directory = properties.dataDir().resolve("postgres");
		return EmbeddedPostgresServer.shared(directory, database.embeddedPort(), database.cleanEmbedded());
	}

	@Bean
	@ConditionalOnBean(LocalPostgres.class)
	R2dbcConnectionDetails localR2dbcConnectionDetails(LocalPostgres postgres, ComptoirProperties properties) {
		ensureApplicationRole(postgres, properties.database());
		ConnectionFactoryOptions options = ConnectionFactoryOptions.builder()
			.option(ConnectionFactoryOptions.DRIVER, "postgresql")
			.option(ConnectionFactoryOptions.HOST, postgres.host())
			.option(ConnectionFactoryOptions.PORT, postgres.port())
			.option(ConnectionFactoryOptions.DATABASE, postgres.database())
			.option(ConnectionFactoryOptions.USER, properties.database().appRole())
			.option(ConnectionFactoryOptions.PASSWORD, properties.database().appPassword())
			.build();
		return () -> options;
	}

	@Bean
	@ConditionalOnBean(LocalPostgres.class)
	FlywayConnectionDetails localFlywayConnectionDetails(LocalPostgres postgres) {
		return new OwnerConnectionDetails(postgres);
	}

	/** Flyway's auto-configuration only runs beside JDBC connection details. */
	@Bean
	@ConditionalOnBean(LocalPostgres.class)
	JdbcConnectionDetails localJdbcConnectionDetails(LocalPostgres postgres) {
		return new OwnerConnectionDetails(postgres);
	}

	/** The owner of the tables (the server's superuser), who migrates. */
	record OwnerConnectionDetails(LocalPostgres postgres) implements FlywayConnectionDetails, JdbcConnectionDetails {

		@Override
		public String getJdbcUrl() {
			return postgres.jdbcUrl();
		}

		@Override
		public String getUsername() {
			return postgres.superUser();
		}

		@Override
		public String getPassword() {
			return postgres.superPassword();
		}

		@Override
		public String getDriverClassName() {
			return "org.postgresql.Driver";
		}

	}

	/**
	 * A server this process manages gets the application role here; on a configured server the
	 * operator creates it (README). The migrations grant it what it needs and nothing more.
	 */
	private static void ensureApplicationRole(LocalPostgres postgres, ComptoirProperties.Database database) {
		String role = database.appRole();
		if (!role.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Invalid application role name: " + role);
		}
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.superUser(),
				postgres.superPassword()); Statement statement = connection.createStatement()) {
			String password = database.appPassword().replace("'", "''");
			statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role
					+ "') THEN CREATE ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '" + password
					+ "'; END IF; END $$");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the application role on " + postgres.jdbcUrl(), ex);
		}
	}

}
