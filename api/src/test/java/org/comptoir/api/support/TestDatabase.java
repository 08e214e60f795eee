package org.comptoir.api.support;

import org.comptoir.api.database.LocalPostgres;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place integration tests get PostgreSQL from: a Testcontainers server when a Docker engine
 * answers, otherwise no bean here and the application's embedded server (the path CI runs, as these
 * machines have no Docker engine). Either way one server per test JVM, shared by every context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

	@Bean
	@Conditional(DockerAvailable.class)
	LocalPostgres containerPostgres() {
		return Container.INSTANCE;
	}

	static final class DockerAvailable implements Condition {

		private static final boolean AVAILABLE = !"embedded".equals(System.getProperty("comptoir.test.database"))
				&& probe();

		private static boolean probe() {
			try {
				return DockerClientFactory.instance().isDockerAvailable();
			}
			catch (RuntimeException | LinkageError ex) {
				return false;
			}
		}

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return AVAILABLE;
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
