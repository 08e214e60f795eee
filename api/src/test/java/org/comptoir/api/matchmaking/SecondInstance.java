package org.comptoir.api.matchmaking;

import org.comptoir.api.ComptoirApplication;
import org.comptoir.api.database.LocalPostgres;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another instance of the API in the same JVM, on its own port, with the same database (the test
 * run's PostgreSQL, handed over so it is not started again) and the same local Keycloak: what two
 * pods behind a load balancer share. Closing it leaves both servers running for the other tests.
 */
final class SecondInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private SecondInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static SecondInstance start(LocalPostgres postgres, int keycloakPort) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ComptoirApplication.class)
			.profiles("test")
			.initializers(ctx -> {
				ctx.getBeanFactory().registerSingleton("sharedPostgres", postgres);
				// its own Netty resources: closing it must not dispose the JVM's global ones, which the clients of the tests use
				ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
					@Override
					public Object postProcessBeforeInitialization(Object bean, String name) {
						if (bean instanceof ReactorResourceFactory resources) {
							resources.setUseGlobalResources(false);
						}
						return bean;
					}
				});
			})
			.run("--server.port=0", "--comptoir.keycloak.local-port=" + keycloakPort, "--spring.jmx.enabled=false");
		return new SecondInstance(context);
	}

	int port() {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	MatchmakingEvents events() {
		return context.getBean(MatchmakingEvents.class);
	}

	@Override
	public void close() {
		context.close();
	}

}
