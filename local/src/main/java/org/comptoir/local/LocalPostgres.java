package org.comptoir.local;

/**
 * A PostgreSQL server this process was handed or started itself (embedded, or a test container), as
 * opposed to one configured by URL. The API connects as the application role; migrations run as the
 * server's superuser, who owns the tables.
 */
public interface LocalPostgres {

	String host();

	int port();

	String database();

	String superUser();

	String superPassword();

	default String jdbcUrl() {
		return "jdbc:postgresql://" + host() + ":" + port() + "/" + database();
	}

}
