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

/** What a newcomer needs once the API is up: where to click, which chambers, where sent mail and texts show, where the data is. */
@Component
public class StartupBanner {

	private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

	private final TenantRegistry registry;

	private final Path dataDir;

	private final ObjectProvider<LocalMail> mail;

	private final ObjectProvider<LocalTexts> texts;

	StartupBanner(TenantRegistry registry, ConfigurableEnvironment environment, ObjectProvider<LocalMail> mail,
			ObjectProvider<LocalTexts> texts) {
		this.registry = registry;
		this.dataDir = LocalServices.dataDir(environment);
		this.mail = mail;
		this.texts = texts;
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		int port = event.getApplicationContext() instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : 8080;
		log.info("""

				  Comptoir is up.
				    GraphiQL  http://localhost:{}/graphiql   (add the header {"X-Tenant": "senegal"}, or open http://senegal.localhost:{}/graphiql)
				    GraphQL   http://localhost:{}/graphql    schema: http://localhost:{}/graphql/schema   health: http://localhost:{}/actuator/health
				    Chambers  {}{}{}
				    Data      {}  (COMPTOIR_DATA_DIR; delete it for a clean start)""",
				port, port, port, port, port, registry.all().stream().map(Tenant::slug).collect(Collectors.joining(", ")),
				mailLine(port), textsLine(port), dataDir);
	}

	/** Where sent mail shows, when the local mail server runs here. */
	private String mailLine(int port) {
		LocalMail local = mail.getIfAvailable();
		return local == null ? "" : "\n  Mail      http://localhost:" + port + LocalMailEndpoint.PATH
				+ "   (what Keycloak and the API sent to smtp://" + LocalMail.HOST + ":" + local.port() + ")";
	}

	/** Where sent SMS and WhatsApp show, when the local text provider runs here. */
	private String textsLine(int port) {
		LocalTexts local = texts.getIfAvailable();
		return local == null ? "" : "\n  Texts     http://localhost:" + port + LocalTextsEndpoint.PATH
				+ "  (SMS and WhatsApp the API sent, through its Africa's Talking and WhatsApp Cloud adapters, to " + local.baseUrl() + ")";
	}

}
