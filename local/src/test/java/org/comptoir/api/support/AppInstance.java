package org.comptoir.api.support;

import java.util.ArrayList;
import java.util.List;

import org.comptoir.api.ComptoirApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another instance of the API in the test JVM, with its own settings (tight limits, the production
 * profile), sharing the run's PostgreSQL and Keycloak: for the tests that need settings the shared
 * context must not have, or that stop an instance.
 */
public final class AppInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private AppInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts an instance on a free port with the {@code test} profile, these profiles and properties
	 * (given as command-line arguments, so they win over every configuration file).
	 */
	public static AppInstance start(List<String> profiles, String... properties) {
		List<String> all = new ArrayList<>(List.of("test"));
		all.addAll(profiles);
		List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
		for (String property : properties) {
			arguments.add("--" + property);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ComptoirApplication.class)
			.profiles(all.toArray(String[]::new))
			.run(arguments.toArray(String[]::new));
		return new AppInstance(context);
	}

	public int port() {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	public Api api() {
		return new Api(port());
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	public ConfigurableApplicationContext context() {
		return context;
	}

	@Override
	public void close() {
		context.close();
	}

}
