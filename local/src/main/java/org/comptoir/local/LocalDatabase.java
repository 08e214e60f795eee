package org.comptoir.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the API reaches a PostgreSQL this process manages (the embedded server, or a test container): it
 * connects as the application role, created here, and Flyway migrates as the server's superuser, who
 * owns the tables. On a configured server the operator creates the role (README); the migrations grant
 * it what it needs and nothing more.
 */
public final class LocalDatabase {

	private LocalDatabase() {
	}

	/** The Spring Boot properties that point the API and Flyway at {@code postgres}. */
	public static Map<String, Object> properties(LocalPostgres postgres, String appRole, String appPassword) {
		ensureApplicationRole(postgres, appRole, appPassword);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.r2dbc.url", "r2dbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + postgres.database());
		properties.put("spring.r2dbc.username", appRole);
		properties.put("spring.r2dbc.password", appPassword);
		properties.put("spring.flyway.url", postgres.jdbcUrl());
		properties.put("spring.flyway.user", postgres.superUser());
		properties.put("spring.flyway.password", postgres.superPassword());
		return properties;
	}

	private static void ensureApplicationRole(LocalPostgres postgres, String role, String password) {
		if (!role.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Invalid application role name: " + role);
		}
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.superUser(),
				postgres.superPassword()); Statement statement = connection.createStatement()) {
			statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role
					+ "') THEN CREATE ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '" + password.replace("'", "''")
					+ "'; END IF; END $$");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the application role on " + postgres.jdbcUrl(), ex);
		}
	}

}
