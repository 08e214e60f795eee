package org.comptoir.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Renders the Keycloak realm of a chamber, and the {@code platform} realm, as Keycloak
 * representations: what the realm import directory and the admin API both take.
 * <p>
 * Every realm has the public client {@link #PORTAL_CLIENT} (authorization code with PKCE S256;
 * the password grant too, in development only), whose access tokens carry the audience
 * {@link #API_AUDIENCE}, the realm roles in {@code realm_access.roles}, and {@code sub},
 * {@code email} and {@code name}.
 * <p>
 * Every realm signs in on the login theme {@value LoginTheme#NAME} ({@link LoginTheme}): its header is the
 * realm's {@code displayNameHtml} (the chamber's logo and name), and the {@code portal} client's base URL is
 * the realm's portal, whose {@code brand.css} the theme links.
 */
public final class RealmTemplate {

	/** The public client the portals and consoles sign in with, in every realm. */
	public static final String PORTAL_CLIENT = "portal";

	/** The audience the API requires in access tokens. */
	public static final String API_AUDIENCE = "comptoir-api";

	/** Realm role: runs the chamber. */
	public static final String CHAMBER_ADMIN = "chamber-admin";

	/** Realm role: any company user of the chamber. */
	public static final String MEMBER = "member";

	/** Role of realm {@link #PLATFORM_REALM}: may create chambers. */
	public static final String PLATFORM_ADMIN = "platform-admin";

	/** The realm of the platform's own administrators. */
	public static final String PLATFORM_REALM = "platform";

	/** The password policy of the realms this template renders. */
	public static final String PASSWORD_POLICY = "length(12) and notUsername and notEmail";

	/**
	 * The locales Keycloak's login theme has translations for (its {@code theme.properties}).
	 * Keycloak accepts any string as a supported locale, but one without translations (e.g.
	 * {@code rw}) would offer a language the login page then shows in English.
	 */
	public static final Set<String> KEYCLOAK_LOCALES = Set.of("ar", "az", "ca", "cs", "da", "de", "el", "en", "es",
			"eu", "fa", "fr", "fi", "hr", "hu", "hy", "id", "it", "ja", "kk", "ko", "ky", "lt", "lv", "nl", "no", "pl",
			"pt", "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr", "uk", "vi", "zh-CN", "zh-TW");

	/** Client scopes every portal token gets: {@code sub} (basic), name, email, realm roles, CORS origins. */
	static final List<String> DEFAULT_CLIENT_SCOPES = List.of("basic", "profile", "email", "roles", "web-origins",
			"acr");

	static final List<String> OPTIONAL_CLIENT_SCOPES = List.of("offline_access", "address", "phone");

	/** Placeholder in {@link Options} redirect URIs, web origins and portal URL, replaced by the realm's name. */
	public static final String REALM_PLACEHOLDER = "{realm}";

	/** The portal of a realm in local development: the reference portal's port on {@code <realm>.localhost}. */
	public static final String LOCAL_PORTAL_URL = "http://{realm}.localhost:8081";

	/**
	 * How the realms are rendered.
	 *
	 * @param development local development: the {@code portal} client also allows the password
	 * grant, and brute-force protection tolerates tests that fail logins in quick succession
	 * @param redirectUris the redirect URIs of the {@code portal} client; {@value #REALM_PLACEHOLDER}
	 * stands for the realm's name. Keycloak allows a wildcard only at the end of a URI, not in a host
	 * name, hence {@code http://{realm}.localhost:*} rather than {@code http://*.localhost:*}
	 * @param webOrigins the allowed CORS origins; Keycloak takes no wildcard here except {@code *}
	 * (any origin) and {@code +} (the origins of the redirect URIs, wildcards aside)
	 * @param portalUrl the portal of a realm, {@value #REALM_PLACEHOLDER} standing for its name, e.g.
	 * {@code https://{realm}.comptoir.example}: the {@code portal} client's root URL (its base URL {@code /}),
	 * where the login theme takes the chamber's {@code brand.css} from, and one more redirect URI
	 * ({@code <portal>/*}); none: no portal URL, and login pages in the theme's fallback colours
	 * @param smtp the mail server the realms send through; none: Keycloak's default (none)
	 */
	public record Options(boolean development, List<String> redirectUris, List<String> webOrigins, String portalUrl,
			Smtp smtp) {

		public Options {
			redirectUris = List.copyOf(redirectUris);
			webOrigins = List.copyOf(webOrigins);
			portalUrl = (portalUrl == null || portalUrl.isBlank()) ? null : stripSlash(portalUrl.strip());
		}

		public Options(boolean development, List<String> redirectUris, List<String> webOrigins) {
			this(development, redirectUris, webOrigins, null, null);
		}

		/** The same options, with realms that send their email (invitations, password resets) through this server. */
		public Options withSmtp(Smtp smtp) {
			return new Options(this.development, this.redirectUris, this.webOrigins, this.portalUrl, smtp);
		}

		/** The same options, with this portal URL ({@value #REALM_PLACEHOLDER} for the realm's name). */
		public Options withPortalUrl(String portalUrl) {
			return new Options(this.development, this.redirectUris, this.webOrigins, portalUrl, this.smtp);
		}

		/**
		 * Local development: the portals on any port of {@code localhost}, {@code 127.0.0.1} and
		 * {@code <realm>.localhost}; any CORS origin, since a port wildcard cannot be expressed; the
		 * realm's portal at {@value #LOCAL_PORTAL_URL}.
		 */
		public static Options localDevelopment() {
			return new Options(true, List.of("http://localhost:*", "http://127.0.0.1:*", "http://{realm}.localhost:*"),
					List.of("*"), LOCAL_PORTAL_URL, null);
		}

		/** A deployment: no password grant, the given redirect URIs, web origins derived from them. */
		public static Options production(List<String> redirectUris) {
			return new Options(false, redirectUris, List.of("+"));
		}

	}

	/**
	 * The mail server a realm sends its email through: Keycloak's {@code smtpServer} settings.
	 *
	 * @param host the SMTP host
	 * @param port its port
	 * @param from the sender address
	 * @param starttls whether to upgrade the connection with STARTTLS
	 * @param user the user to authenticate as; none: no authentication
	 * @param password that user's password
	 */
	public record Smtp(String host, int port, String from, boolean starttls, String user, String password) {

		public Smtp {
			Objects.requireNonNull(host, "host");
			Objects.requireNonNull(from, "from");
		}

		/** Keycloak's {@code smtpServer} map. */
		public Map<String, String> toMap() {
			Map<String, String> smtp = new LinkedHashMap<>();
			smtp.put("host", this.host);
			smtp.put("port", Integer.toString(this.port));
			smtp.put("from", this.from);
			smtp.put("starttls", Boolean.toString(this.starttls));
			boolean auth = this.user != null && !this.user.isBlank();
			smtp.put("auth", Boolean.toString(auth));
			if (auth) {
				smtp.put("user", this.user);
				smtp.put("password", this.password == null ? "" : this.password);
			}
			return smtp;
		}

		@Override
		public String toString() {
			return "Smtp[" + this.host + ":" + this.port + ", from " + this.from + "]";
		}

	}

	private final Options options;

	public RealmTemplate(Options options) {
		this.options = options;
	}

	/** A template with {@link Options#localDevelopment()}. */
	public static RealmTemplate development() {
		return new RealmTemplate(Options.localDevelopment());
	}

	public Options options() {
		return this.options;
	}

	/**
	 * The realm of a chamber: named after its slug, roles {@link #CHAMBER_ADMIN} and
	 * {@link #MEMBER}, the {@code portal} client, no users.
	 */
	public RealmRepresentation chamberRealm(ChamberRealm chamber) {
		RealmRepresentation realm = baseRealm(chamber.slug(), chamber.displayName(), chamber.defaultLocale(),
				chamber.locales());
		realm.setRoles(roles(role(CHAMBER_ADMIN, "Runs the chamber: members, listings, settings"),
				role(MEMBER, "A user of a member company")));
		realm.setClients(List.of(portalClient(chamber.slug(), chamber.origins())));
		return realm;
	}

	/** The realm {@value #PLATFORM_REALM}: role {@link #PLATFORM_ADMIN} and the {@code portal} client. */
	public RealmRepresentation platformRealm() {
		RealmRepresentation realm = baseRealm(PLATFORM_REALM, "Comptoir", "en", List.of("en", "fr", "ar"));
		realm.setRoles(roles(role(PLATFORM_ADMIN, "Administers the platform: creates chambers")));
		realm.setClients(List.of(portalClient(PLATFORM_REALM, List.of())));
		return realm;
	}

	/**
	 * The {@code portal} client of a realm: public, authorization code with PKCE S256 required,
	 * the password grant only in development, the audience {@link #API_AUDIENCE} in access tokens.
	 */
	public ClientRepresentation portalClient(String realmName, List<String> extraOrigins) {
		ClientRepresentation client = new ClientRepresentation();
		client.setClientId(PORTAL_CLIENT);
		client.setName("Comptoir portal");
		client.setProtocol("openid-connect");
		client.setEnabled(true);
		client.setPublicClient(true);
		client.setStandardFlowEnabled(true);
		client.setImplicitFlowEnabled(false);
		client.setDirectAccessGrantsEnabled(this.options.development());
		client.setServiceAccountsEnabled(false);
		client.setFrontchannelLogout(true);
		client.setFullScopeAllowed(true);
		List<String> redirectUris = new ArrayList<>(forRealm(this.options.redirectUris(), realmName));
		List<String> webOrigins = new ArrayList<>(forRealm(this.options.webOrigins(), realmName));
		String portal = portalUrl(realmName);
		if (portal != null) {
			// the login theme reads the portal from here (client.baseUrl): rootUrl + baseUrl
			client.setRootUrl(portal);
			client.setBaseUrl("/");
			redirectUris.add(portal + "/*");
		}
		for (String origin : extraOrigins) {
			String trimmed = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
			redirectUris.add(trimmed + "/*");
			webOrigins.add(trimmed);
		}
		client.setRedirectUris(List.copyOf(new LinkedHashSet<>(redirectUris)));
		client.setWebOrigins(List.copyOf(new LinkedHashSet<>(webOrigins)));
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("pkce.code.challenge.method", "S256");
		attributes.put("post.logout.redirect.uris", "+");
		client.setAttributes(attributes);
		client.setProtocolMappers(List.of(audienceMapper()));
		client.setDefaultClientScopes(DEFAULT_CLIENT_SCOPES);
		client.setOptionalClientScopes(OPTIONAL_CLIENT_SCOPES);
		return client;
	}

	/**
	 * The confidential client of realm {@code master} the API provisions realms with: client credentials
	 * only (its service account), no browser flow, no password grant. It is given realm role
	 * {@code create-realm} and nothing else; Keycloak makes the creator of a realm that realm's admin.
	 */
	public static ClientRepresentation provisioningClient(String clientId) {
		ClientRepresentation client = new ClientRepresentation();
		client.setClientId(clientId);
		client.setName("Comptoir realm provisioning");
		client.setDescription("Creates the chambers' realms and invites their users; holds only create-realm");
		client.setProtocol("openid-connect");
		client.setEnabled(true);
		client.setPublicClient(false);
		client.setClientAuthenticatorType("client-secret");
		client.setStandardFlowEnabled(false);
		client.setImplicitFlowEnabled(false);
		client.setDirectAccessGrantsEnabled(false);
		client.setServiceAccountsEnabled(true);
		client.setFullScopeAllowed(true);
		return client;
	}

	/** The portal of a realm ({@link Options#portalUrl()} for it), without a trailing slash; null when none is set. */
	public String portalUrl(String realmName) {
		String portal = this.options.portalUrl();
		return (portal == null) ? null : portal.replace(REALM_PLACEHOLDER, realmName);
	}

	/**
	 * The header of the realm's login pages ({@code displayNameHtml}): an element of class {@code brand-logo},
	 * which the portal's {@code brand.css} gives the logo, and the name, escaped.
	 */
	public static String displayNameHtml(String displayName) {
		return "<span class=\"brand-logo\"></span><span class=\"brand-name\">" + escapeHtml(displayName) + "</span>";
	}

	/** The realm as the JSON of Keycloak's realm import ({@code kc.sh start --import-realm}). */
	public static String toJson(RealmRepresentation realm) {
		try {
			return JsonSerialization.writeValueAsPrettyString(realm);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot serialise realm " + realm.getRealm(), ex);
		}
	}

	/**
	 * The locales of {@code wanted} that Keycloak has translations for, in order, or {@code en} when
	 * none has.
	 */
	public static List<String> supportedLocales(List<String> wanted) {
		List<String> supported = wanted.stream().filter(KEYCLOAK_LOCALES::contains).distinct().toList();
		return supported.isEmpty() ? List.of("en") : supported;
	}

	private RealmRepresentation baseRealm(String name, String displayName, String defaultLocale, List<String> locales) {
		RealmRepresentation realm = new RealmRepresentation();
		realm.setRealm(name);
		realm.setDisplayName(displayName);
		realm.setDisplayNameHtml(displayNameHtml(displayName));
		realm.setLoginTheme(LoginTheme.NAME);
		realm.setEnabled(true);
		realm.setSslRequired("external");

		List<String> supported = supportedLocales(locales);
		realm.setInternationalizationEnabled(true);
		realm.setSupportedLocales(new LinkedHashSet<>(supported));
		realm.setDefaultLocale(supported.contains(defaultLocale) ? defaultLocale : supported.get(0));

		// Users are invited by a chamber admin (or created by the platform), never self-registered.
		realm.setRegistrationAllowed(false);
		realm.setRegistrationEmailAsUsername(true);
		realm.setLoginWithEmailAllowed(true);
		realm.setDuplicateEmailsAllowed(false);
		realm.setEditUsernameAllowed(false);
		realm.setResetPasswordAllowed(true);
		realm.setRememberMe(true);
		realm.setVerifyEmail(false);
		realm.setPasswordPolicy(PASSWORD_POLICY);
		if (this.options.smtp() != null) {
			realm.setSmtpServer(this.options.smtp().toMap());
		}

		// Short access tokens (the API checks them offline), a working day of session.
		realm.setAccessTokenLifespan(this.options.development() ? 900 : 300);
		realm.setSsoSessionIdleTimeout(1800);
		realm.setSsoSessionMaxLifespan(36000);

		realm.setBruteForceProtected(true);
		realm.setPermanentLockout(false);
		realm.setFailureFactor(this.options.development() ? 30 : 10);
		realm.setWaitIncrementSeconds(60);
		realm.setMaxFailureWaitSeconds(900);
		realm.setMaxDeltaTimeSeconds(43200);
		realm.setMinimumQuickLoginWaitSeconds(60);
		// Two failures within a second lock a user for a minute; tests fail logins on purpose, faster.
		realm.setQuickLoginCheckMilliSeconds(this.options.development() ? 0L : 1000L);
		return realm;
	}

	private static ProtocolMapperRepresentation audienceMapper() {
		ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
		mapper.setName("audience " + API_AUDIENCE);
		mapper.setProtocol("openid-connect");
		mapper.setProtocolMapper("oidc-audience-mapper");
		Map<String, String> config = new LinkedHashMap<>();
		config.put("included.custom.audience", API_AUDIENCE);
		config.put("access.token.claim", "true");
		config.put("id.token.claim", "false");
		config.put("introspection.token.claim", "true");
		mapper.setConfig(config);
		return mapper;
	}

	private static String escapeHtml(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static List<String> forRealm(List<String> values, String realmName) {
		return values.stream().map(value -> value.replace(REALM_PLACEHOLDER, realmName)).toList();
	}

	private static RoleRepresentation role(String name, String description) {
		RoleRepresentation role = new RoleRepresentation();
		role.setName(name);
		role.setDescription(description);
		role.setComposite(false);
		role.setClientRole(false);
		return role;
	}

	private static RolesRepresentation roles(RoleRepresentation... realmRoles) {
		RolesRepresentation roles = new RolesRepresentation();
		roles.setRealm(new ArrayList<>(List.of(realmRoles)));
		return roles;
	}

}
