package org.comptoir.local.generator;

import java.sql.Connection;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.core.env.Environment;

/**
 * The generator as a command: {@code java -jar local/target/comptoir-local.jar --comptoir.generate.listings=1000000
 * --comptoir.generate.members=100000 --comptoir.generate.chambers=60} fills the database (once: it
 * refuses a database that already has generated chambers), then exits. See bench/README.md.
 */
@Component
@ConditionalOnProperty("comptoir.generate.listings")
public class GenerateRunner implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(GenerateRunner.class);

	private final Flyway flyway;

	private final Environment environment;

	private final ConfigurableApplicationContext context;

	GenerateRunner(Flyway flyway, Environment environment, ConfigurableApplicationContext context) {
		this.flyway = flyway;
		this.environment = environment;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		DataGenerator.Size size = new DataGenerator.Size(environment.getProperty("comptoir.generate.chambers", Integer.class, 60),
				environment.getProperty("comptoir.generate.members", Integer.class, 100_000),
				environment.getProperty("comptoir.generate.listings", Integer.class, 1_000_000),
				environment.getProperty("comptoir.generate.seed", Long.class, 42L));
		try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
				java.sql.Statement check = connection.createStatement();
				java.sql.ResultSet rs = check.executeQuery("SELECT count(*) FROM tenant WHERE slug LIKE 'chamber-%'")) {
			rs.next();
			if (rs.getInt(1) > 0) {
				log.warn("This database already has generated chambers: nothing generated");
			}
			else {
				new DataGenerator(connection, size).run();
			}
		}
		if (environment.getProperty("comptoir.generate.exit", Boolean.class, true)) {
			System.exit(org.springframework.boot.SpringApplication.exit(context, () -> 0));
		}
	}

}
