package org.comptoir.api.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.comptoir.local.LocalPostgres;
import org.springframework.core.env.Environment;

/** Plain JDBC as the server's superuser (no row-level security): what tests count and lock with. */
public final class Postgres {

	private final LocalPostgres server;

	public Postgres(LocalPostgres server) {
		this.server = server;
	}

	/** A connection as the application role, with the user and password the API itself is configured with. */
	public static Connection asApplication(LocalPostgres server, Environment environment) throws SQLException {
		return DriverManager.getConnection(server.jdbcUrl(), environment.getRequiredProperty("spring.r2dbc.username"),
				environment.getRequiredProperty("spring.r2dbc.password"));
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(server.jdbcUrl(), server.superUser(), server.superPassword());
	}

	/** The first column of the first row of a query with string parameters, as a long. */
	public long count(String sql, Object... parameters) {
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
