package org.comptoir.local;

import java.nio.file.Path;
import java.util.stream.Collectors;

import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/** What a newcomer needs once the API is up: where to click, which chambers, where sent mail shows, where the data is. */
@Component
public class StartupBanner {

	private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

	private final TenantRegistry registry;

	private final Path dataDir;

	private final ObjectProvider<LocalMail> mail;

	StartupBanner(TenantRegistry registry, ConfigurableEnvironment environment, ObjectProvider<LocalMail> mail) {
		this.registry = registry;
		this.dataDir = LocalServices.dataDir(environment);
		this.mail = mail;
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		int port = event.getApplicationContext() instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : 8080;
		log.info("""

				  Comptoir is up.
				    GraphiQL  http://localhost:{}/graphiql   (add the header {"X-Tenant": "senegal"}, or open http://senegal.localhost:{}/graphiql)
				    GraphQL   http://localhost:{}/graphql    schema: http://localhost:{}/graphql/schema   health: http://localhost:{}/actuator/health
				    Chambers  {}{}
				    Data      {}  (COMPTOIR_DATA_DIR; delete it for a clean start)""",
				port, port, port, port, port, registry.all().stream().map(Tenant::slug).collect(Collectors.joining(", ")),
				mailLine(port), dataDir);
	}

	/** Where sent mail shows, when the local mail server runs here. */
	private String mailLine(int port) {
		LocalMail local = mail.getIfAvailable();
		return local == null ? "" : "\n  Mail      http://localhost:" + port + LocalMailEndpoint.PATH
				+ "   (what Keycloak and the API sent to smtp://" + LocalMail.HOST + ":" + local.port() + ")";
	}

}
