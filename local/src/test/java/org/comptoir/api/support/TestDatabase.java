package org.comptoir.api.support;

import org.comptoir.local.LocalPostgres;
import org.comptoir.local.LocalServices;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where integration tests get PostgreSQL from: a Testcontainers server when a Docker engine answers
 * (handed to {@link LocalServices} before it would start the embedded one), otherwise the embedded server
 * (the path CI runs, as these machines have no Docker engine). Either way one server per test JVM, shared
 * by every context.
 */
public class TestDatabase implements EnvironmentPostProcessor, Ordered {

	private static final boolean DOCKER = !"embedded".equals(System.getProperty("comptoir.test.database")) && probe();

	/** A post-processor: before the local services, an environment-prepared listener. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (DOCKER && environment.getProperty("spring.r2dbc.url", "").isBlank()) {
			LocalServices.use(Container.INSTANCE);
		}
	}

	private static boolean probe() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private static final class Container implements LocalPostgres {

		static final Container INSTANCE = new Container();

		private final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17");

		private Container() {
			postgres.start();
		}

		@Override
		public String host() {
			return postgres.getHost();
		}

		@Override
		public int port() {
			return postgres.getMappedPort(5432);
		}

		@Override
		public String database() {
			return postgres.getDatabaseName();
		}

		@Override
		public String superUser() {
			return postgres.getUsername();
		}

		@Override
		public String superPassword() {
			return postgres.getPassword();
		}

	}

}
