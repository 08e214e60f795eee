package org.comptoir.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.comptoir.local.keycloak.KeycloakLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The services a developer's machine lacks, started before the API's beans and handed to it as plain
 * configuration, the way a deployment configures it: without {@code spring.r2dbc.url} the embedded
 * PostgreSQL ({@link EmbeddedPostgresServer}), without {@code comptoir.keycloak.url} the local Keycloak
 * ({@link LocalKeycloak}). With both started here (the local run) development and demo data default to
 * on, without {@code comptoir.mail.host} the realms and the API send to {@link LocalMail}, and with no
 * text provider configured the API's SMS and WhatsApp go to {@link LocalTexts}. One of each per JVM, shared
 * by every application context in it (the tests start several).
 */
public class LocalServices implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/**
	 * Once the environment is read (configuration files, every post-processor) and logging is set up, so that
	 * a first start's minute shows; before the API's posture check (identity.DeploymentPosture, the lowest).
	 */
	public static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER + 1;

	/** Set when this process runs the API's PostgreSQL, resp. its Keycloak, resp. its mail server, resp. its text provider. */
	static final String POSTGRES_HERE = "comptoir.local.postgres", KEYCLOAK_HERE = "comptoir.local.keycloak",
			MAIL_HERE = "comptoir.local.mail", TEXTS_HERE = "comptoir.local.texts";

	/** The first trusted forwarder of the API's rate limits: the local portal. */
	static final String FORWARDER = "comptoir.rate-limit.trusted-forwarders[0]";

	private static final Logger log = LoggerFactory.getLogger(LocalServices.class);

	private static volatile LocalPostgres postgres;

	private static volatile KeycloakLauncher keycloak;

	private static volatile LocalMail mail;

	private static volatile LocalTexts texts;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		boolean database = environment.getProperty("spring.r2dbc.url", "").isBlank();
		boolean identity = environment.getProperty("comptoir.keycloak.url", "").isBlank();
		Map<String, Object> properties = new LinkedHashMap<>();
		if (database && identity) {
			for (String flag : new String[] { "comptoir.keycloak.development", "comptoir.demo-data" }) {
				if (!environment.containsProperty(flag)) {
					properties.put(flag, "true");
				}
			}
		}
		// first, and now: the services below read these defaults; what they add later lands in the same map
		environment.getPropertySources().addFirst(new MapPropertySource("comptoirLocalServices", properties));
		// every post-processor has run (the tests' MailServer too): any comptoir.mail.host, even blank, is someone's choice
		if (database && identity && !environment.containsProperty("comptoir.mail.host")) {
			properties.put(MAIL_HERE, "true");
			// last: defaults under whatever else is configured; before the local Keycloak, whose realms get them
			environment.getPropertySources().addLast(new MapPropertySource("comptoirLocalMail", mail(environment).properties()));
		}
		// likewise: any SMS or WhatsApp provider configured is someone's choice, and then none is started here
		if (database && identity && !textsConfigured(environment)) {
			properties.put(TEXTS_HERE, "true");
			environment.getPropertySources().addLast(new MapPropertySource("comptoirLocalTexts", texts(environment).properties()));
		}
		Path dataDir = dataDir(environment);
		if (database) {
			if (!environment.containsProperty("logging.level.io.zonky.test.db.postgres")) {
				LoggingSystem.get(event.getSpringApplication().getClassLoader()).setLogLevel("io.zonky.test.db.postgres", LogLevel.WARN);
			}
			properties.put(POSTGRES_HERE, "true");
			properties.putAll(LocalDatabase.properties(postgres(environment, dataDir),
					environment.getProperty("comptoir.database.app-role", "comptoir_app"),
					environment.getProperty("comptoir.database.app-password", "comptoir_app")));
		}
		if (identity) {
			LocalKeycloak local = LocalKeycloak.start(environment, dataDir);
			keycloak = local.launcher();
			properties.put(KEYCLOAK_HERE, "true");
			properties.putAll(local.properties());
			// the portal started beside the API (LocalPortal) forwards its visitors' addresses with this secret
			if (environment.getProperty(FORWARDER + ".name") == null) {
				properties.put(FORWARDER + ".name", "local-portal");
				properties.put(FORWARDER + ".secret", java.util.UUID.randomUUID().toString());
			}
		}
	}

	/** Every local state lives here: {@code comptoir.data-dir}, or {@code COMPTOIR_DATA_DIR}, or {@code ~/.comptoir}. */
	static Path dataDir(ConfigurableEnvironment environment) {
		String dir = environment.getProperty("comptoir.data-dir",
				environment.getProperty("COMPTOIR_DATA_DIR", System.getProperty("user.home") + "/.comptoir"));
		return Path.of(dir).toAbsolutePath().normalize();
	}

	private static synchronized LocalPostgres postgres(ConfigurableEnvironment environment, Path dataDir) {
		if (postgres == null) {
			postgres = EmbeddedPostgresServer.shared(dataDir.resolve("postgres"),
					environment.getProperty("comptoir.database.embedded-port", Integer.class, 0),
					environment.getProperty("comptoir.database.clean-embedded", Boolean.class, false));
		}
		return postgres;
	}

	private static synchronized LocalMail mail(ConfigurableEnvironment environment) {
		if (mail == null) {
			mail = LocalMail.start(environment.getProperty("comptoir.local.mail-port", Integer.class, 2525));
			log.info("Local mail: smtp://{}:{}, sent messages at http://localhost:{}{}", LocalMail.HOST, mail.port(),
					environment.getProperty("server.port", "8080"), LocalMailEndpoint.PATH);
		}
		return mail;
	}

	private static boolean textsConfigured(ConfigurableEnvironment environment) {
		return environment.containsProperty("comptoir.notices.texts.sms.provider")
				|| environment.containsProperty("comptoir.notices.texts.whatsapp.phone-number-id")
				|| Binder.get(environment).bind("comptoir.notices.texts.sms.countries", Bindable.mapOf(String.class, String.class)).isBound();
	}

	private static synchronized LocalTexts texts(ConfigurableEnvironment environment) {
		if (texts == null) {
			texts = LocalTexts.start(environment.getProperty("comptoir.local.texts-port", Integer.class, 0));
			log.info("Local texts: SMS (as Africa's Talking) and WhatsApp (as the Cloud API) at {}, sent texts at http://localhost:{}{}",
					texts.baseUrl(), environment.getProperty("server.port", "8080"), LocalTextsEndpoint.PATH);
		}
		return texts;
	}

	/** Hands the API another server this process manages instead of the embedded one (a test container). */
	public static synchronized void use(LocalPostgres server) {
		postgres = server;
	}

	/** The PostgreSQL started (or handed) here, null when the API is configured with another. */
	public static LocalPostgres postgres() {
		return postgres;
	}

	/** The Keycloak started here, null when the API is configured with another. */
	public static KeycloakLauncher keycloak() {
		return keycloak;
	}

	/** The mail server started here, null when the API is configured with another. */
	static LocalMail mail() {
		return mail;
	}

	/** The text provider started here, null when the API is configured with real ones. */
	static LocalTexts texts() {
		return texts;
	}

}
