package org.comptoir.keycloak;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.comptoir.keycloak.AdminCalls.body;
import static org.comptoir.keycloak.AdminCalls.call;
import static org.comptoir.keycloak.AdminCalls.failure;

/**
 * Creates and deletes chamber realms and their users through Keycloak's admin API. The API signs in
 * as the provisioning client ({@link #connectAsClient}: a service account holding only
 * {@code create-realm}, so it administers the realms it created and those it was given, nothing else);
 * the local launcher as the bootstrap admin ({@link #connect}). Every failure comes out as a
 * {@link KeycloakProvisioningException}.
 */
public final class RealmProvisioner implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RealmProvisioner.class);

	private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";

	private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";

	private static final String DIGITS = "23456789";

	private static final String SYMBOLS = "-_.!@#%+=";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String UPDATE_PASSWORD = "UPDATE_PASSWORD";

	private static final String VERIFY_EMAIL = "VERIFY_EMAIL";

	private final Supplier<Keycloak> client;

	private volatile Keycloak admin;

	private final RealmTemplate template;

	private final boolean ownsClient;

	/** Whether the client's token must be renewed after creating a realm, to carry the roles Keycloak just granted. */
	private final boolean serviceAccount;

	/**
	 * A provisioner on an admin client the caller owns (and closes).
	 * @param admin a client authenticated to the master realm with rights to create realms
	 * @param template renders the realms {@link #createRealm(ChamberRealm)} creates
	 */
	public RealmProvisioner(Keycloak admin, RealmTemplate template) {
		this(() -> admin, template, false, false);
	}

	private RealmProvisioner(Supplier<Keycloak> client, RealmTemplate template, boolean ownsClient,
			boolean serviceAccount) {
		this.client = client;
		this.template = template;
		this.ownsClient = ownsClient;
		this.serviceAccount = serviceAccount;
	}

	/**
	 * A provisioner signed in to the master realm with {@code admin-cli} and the given admin's
	 * password; {@link #close()} closes its client. The client is built on first use: building it
	 * loads the JAX-RS stack (about a second of a cold start), and most runs of the API never provision.
	 * @param serverUrl Keycloak's base URL, e.g. {@code http://127.0.0.1:8180}
	 */
	public static RealmProvisioner connect(String serverUrl, String adminUser, String adminPassword,
			RealmTemplate template) {
		return new RealmProvisioner(() -> KeycloakBuilder.builder()
			.serverUrl(serverUrl)
			.realm("master")
			.clientId("admin-cli")
			.grantType(OAuth2Constants.PASSWORD)
			.username(adminUser)
			.password(adminPassword)
			.build(), template, true, false);
	}

	/**
	 * A provisioner signed in to the master realm as a confidential client with the client credentials
	 * grant (its service account), e.g. {@link RealmTemplate#provisioningClient}; {@link #close()} closes
	 * its client, built on first use.
	 */
	public static RealmProvisioner connectAsClient(String serverUrl, String clientId, String clientSecret,
			RealmTemplate template) {
		return new RealmProvisioner(() -> KeycloakBuilder.builder()
			.serverUrl(serverUrl)
			.realm("master")
			.clientId(clientId)
			.clientSecret(clientSecret)
			.grantType(OAuth2Constants.CLIENT_CREDENTIALS)
			.build(), template, true, true);
	}

	/** The admin client, for what this class does not cover. */
	public Keycloak admin() {
		Keycloak admin = this.admin;
		if (admin == null) {
			synchronized (this) {
				admin = this.admin;
				if (admin == null) {
					admin = this.client.get();
					this.admin = admin;
				}
			}
		}
		return admin;
	}

	/** Whether a realm of this name exists (one this account may not read exists too). */
	public boolean realmExists(String slug) {
		try {
			admin().realm(slug).toRepresentation();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
		catch (ForbiddenException ex) {
			return true;
		}
		catch (RuntimeException ex) {
			throw failure("Cannot read realm '" + slug + "'", ex);
		}
	}

	/**
	 * Creates a chamber's realm from the template: roles, {@code portal} client, password policy,
	 * no users.
	 * @throws KeycloakProvisioningException if it exists already (status 409) or Keycloak refuses it
	 */
	public void createRealm(ChamberRealm spec) {
		importRealm(this.template.chamberRealm(spec));
	}

	/** Creates a realm from a full representation, users included (e.g. a demo realm). */
	public void importRealm(RealmRepresentation realm) {
		call("Cannot create realm '" + realm.getRealm() + "'", () -> {
			admin().realms().create(realm);
			if (this.serviceAccount) {
				// Keycloak granted the creator the new realm's admin roles; a token issued before does not carry them.
				admin().tokenManager().grantToken();
			}
			return null;
		});
		log.info("Created Keycloak realm '{}'", realm.getRealm());
	}

	/**
	 * Brings the login pages of an existing realm to a rendering of the template (e.g. a realm imported before the
	 * login theme existed): its {@code loginTheme} and header ({@code displayNameHtml}), and the {@code portal}
	 * client's root and base URL (the portal the theme takes {@code brand.css} from), with the redirect URIs and web
	 * origins it lacks (none is taken away). Writes only what differs, so a second call changes nothing.
	 * @param wanted the realm as the template renders it
	 * @return whether anything changed
	 */
	public boolean updateLoginPages(RealmRepresentation wanted) {
		String name = wanted.getRealm();
		return call("Cannot update the login pages of realm '" + name + "'", () -> {
			RealmResource realm = admin().realm(name);
			boolean changed = false;
			RealmRepresentation current = realm.toRepresentation();
			if (!Objects.equals(current.getLoginTheme(), wanted.getLoginTheme())
					|| !Objects.equals(current.getDisplayNameHtml(), wanted.getDisplayNameHtml())) {
				RealmRepresentation update = new RealmRepresentation();
				update.setLoginTheme(wanted.getLoginTheme());
				update.setDisplayNameHtml(wanted.getDisplayNameHtml());
				realm.update(update);
				changed = true;
			}
			ClientRepresentation portal = wanted.getClients() == null ? null : wanted.getClients().stream()
				.filter(client -> RealmTemplate.PORTAL_CLIENT.equals(client.getClientId()))
				.findFirst()
				.orElse(null);
			List<ClientRepresentation> found = realm.clients().findByClientId(RealmTemplate.PORTAL_CLIENT);
			if (portal != null && !found.isEmpty() && updatePortal(found.get(0), portal)) {
				realm.clients().get(found.get(0).getId()).update(found.get(0));
				changed = true;
			}
			if (changed) {
				log.info("Updated the login pages of Keycloak realm '{}' (theme '{}', portal {})", name,
						wanted.getLoginTheme(), portal == null ? null : portal.getRootUrl());
			}
			return changed;
		});
	}

	/** Sets on {@code current} the portal URLs of {@code wanted}, and adds its redirect URIs and web origins; whether any changed. */
	private static boolean updatePortal(ClientRepresentation current, ClientRepresentation wanted) {
		boolean changed = false;
		if (!Objects.equals(current.getRootUrl(), wanted.getRootUrl())) {
			current.setRootUrl(wanted.getRootUrl());
			changed = true;
		}
		if (!Objects.equals(current.getBaseUrl(), wanted.getBaseUrl())) {
			current.setBaseUrl(wanted.getBaseUrl());
			changed = true;
		}
		List<String> redirectUris = union(current.getRedirectUris(), wanted.getRedirectUris());
		if (!redirectUris.equals(current.getRedirectUris())) {
			current.setRedirectUris(redirectUris);
			changed = true;
		}
		List<String> webOrigins = union(current.getWebOrigins(), wanted.getWebOrigins());
		if (!webOrigins.equals(current.getWebOrigins())) {
			current.setWebOrigins(webOrigins);
			changed = true;
		}
		return changed;
	}

	private static List<String> union(List<String> current, List<String> wanted) {
		LinkedHashSet<String> all = new LinkedHashSet<>(current == null ? List.of() : current);
		all.addAll(wanted == null ? List.of() : wanted);
		return List.copyOf(all);
	}

	/**
	 * How an invited user gets in.
	 *
	 * @param email Keycloak emails the user a link to choose a password and verify the address
	 * (execute-actions email: {@code UPDATE_PASSWORD}, {@code VERIFY_EMAIL}); needs the realm's SMTP settings
	 * @param temporaryPassword also set a generated temporary password, which only opens the form to choose
	 * one ({@code UPDATE_PASSWORD}): for local development without a mail server, never in production
	 */
	public record Invitation(boolean email, boolean temporaryPassword) {

		public Invitation {
			if (!email && !temporaryPassword) {
				throw new IllegalArgumentException("An invitation needs the email or a temporary password");
			}
		}

	}

	/**
	 * A user invited by {@link #invite}.
	 * @param id the user's id (the tokens' {@code sub})
	 * @param temporaryPassword the temporary password, if {@link Invitation#temporaryPassword()}; else null
	 */
	public record Invited(String id, String temporaryPassword) {

		@Override
		public String toString() {
			return "Invited[" + this.id + "]";
		}

	}

	/**
	 * Invites a user: an enabled account with the realm roles given and no usable password. Until the user has
	 * chosen a password (and verified the address, when emailed), no password signs them in: their required
	 * actions stop every grant. A user left half-made (roles or email failed) is deleted again.
	 * @throws KeycloakProvisioningException if the realm is missing, the email is taken (409), or the email
	 * cannot be sent
	 */
	public Invited invite(String slug, String email, String firstName, String lastName, Invitation invitation,
			String... realmRoles) {
		List<String> actions = invitation.email() ? List.of(UPDATE_PASSWORD, VERIFY_EMAIL) : List.of(UPDATE_PASSWORD);
		String password = invitation.temporaryPassword() ? generatePassword() : null;
		String id = createUser(slug, email, firstName, lastName, password, true, actions, realmRoles);
		if (invitation.email()) {
			try {
				call("Cannot email '" + email + "' in realm '" + slug + "'", () -> {
					admin().realm(slug).users().get(id).executeActionsEmail(actions);
					return null;
				});
			}
			catch (KeycloakProvisioningException ex) {
				deleteUser(slug, id);
				throw ex;
			}
			log.info("Sent the required-actions email {} to '{}' of realm '{}'", actions, email, slug);
		}
		return new Invited(id, password);
	}

	/** Invites a chamber's first admin (realm role {@code chamber-admin}), first name "Chamber", last name "Admin". */
	public Invited inviteAdmin(String slug, String email, Invitation invitation) {
		return invite(slug, email, "Chamber", "Admin", invitation, RealmTemplate.CHAMBER_ADMIN);
	}

	/** Invites a company user (realm role {@code member}). */
	public Invited inviteMember(String slug, String email, String firstName, String lastName, Invitation invitation) {
		return invite(slug, email, firstName, lastName, invitation, RealmTemplate.MEMBER);
	}

	/**
	 * Creates an enabled user with a verified email, a non-temporary password, the realm's default
	 * roles and the given realm roles. A user left without its roles is deleted again.
	 * @return the user's id (the tokens' {@code sub})
	 */
	public String createUser(String slug, String email, String firstName, String lastName, String password,
			String... realmRoles) {
		return createUser(slug, email, firstName, lastName, password, false, List.of(), realmRoles);
	}

	private String createUser(String slug, String email, String firstName, String lastName, String password,
			boolean invited, List<String> requiredActions, String... realmRoles) {
		RealmResource realm = admin().realm(slug);
		UserRepresentation user = new UserRepresentation();
		user.setUsername(email.toLowerCase(Locale.ROOT));
		user.setEmail(email);
		// an invited address is verified by following the emailed link, never by whoever typed it in
		user.setEmailVerified(!invited);
		// Keycloak's user profile requires both; without them the user could not sign in yet.
		user.setFirstName(firstName);
		user.setLastName(lastName);
		user.setEnabled(true);
		user.setRequiredActions(List.copyOf(requiredActions));
		if (password != null) {
			CredentialRepresentation credential = new CredentialRepresentation();
			credential.setType(CredentialRepresentation.PASSWORD);
			credential.setValue(password);
			credential.setTemporary(invited);
			user.setCredentials(List.of(credential));
		}
		String what = "Cannot create user '" + email + "' in realm '" + slug + "'";
		String id = call(what, () -> {
			try (Response response = realm.users().create(user)) {
				if (response.getStatus() != Response.Status.CREATED.getStatusCode()) {
					// Read the body (e.g. the policy a password fails) before the response is closed.
					throw new KeycloakProvisioningException(
							what + ": Keycloak answered " + response.getStatus() + body(response), response.getStatus(),
							null);
				}
				return CreatedResponseUtil.getCreatedId(response);
			}
		});
		try {
			call(what + ": cannot grant its roles", () -> {
				List<RoleRepresentation> roles = new ArrayList<>();
				for (String role : realmRoles) {
					roles.add(realm.roles().get(role).toRepresentation());
				}
				realm.users().get(id).roles().realmLevel().add(roles);
				return null;
			});
		}
		catch (KeycloakProvisioningException ex) {
			try {
				realm.users().get(id).remove();
			}
			catch (RuntimeException cleanup) {
				ex.addSuppressed(cleanup);
			}
			throw ex;
		}
		log.info("Created user '{}' in Keycloak realm '{}' with roles {}", email, slug, List.of(realmRoles));
		return id;
	}

	/**
	 * As the master realm's admin: makes sure the provisioning client exists in realm {@code master}
	 * ({@link RealmTemplate#provisioningClient}), that its service account holds realm role
	 * {@code create-realm} (and no other role of {@code master}), and that it manages the users of the given
	 * existing realms ({@code manage-users} and {@code view-realm} of client {@code <realm>-realm}): those it
	 * did not create itself, such as the ones Keycloak imported at start.
	 * @return the client's secret
	 */
	public String ensureProvisioningClient(String clientId, List<String> managedRealms) {
		return call("Cannot set up the provisioning client '" + clientId + "'",
				() -> ProvisioningClientSetup.ensure(admin().realm("master"), clientId, managedRealms));
	}

	/** As an admin of the realm: sets the mail server it sends its email through. */
	public void setSmtp(String slug, RealmTemplate.Smtp smtp) {
		call("Cannot set the mail server of realm '" + slug + "'", () -> {
			RealmRepresentation update = new RealmRepresentation();
			update.setSmtpServer(smtp.toMap());
			admin().realm(slug).update(update);
			return null;
		});
	}

	/** Removes a user (undoing a half-made invitation); a missing user is not an error. */
	public void deleteUser(String slug, String userId) {
		call("Cannot delete user in realm '" + slug + "'", () -> {
			try {
				admin().realm(slug).users().delete(userId).close();
			}
			catch (NotFoundException ex) {
				log.debug("User {} of realm '{}' was already gone", userId, slug);
			}
			return null;
		});
	}

	/**
	 * Deletes a realm and everything in it; a realm that does not exist is not an error, so that
	 * undoing a half-made chamber can always call it.
	 */
	public void deleteRealm(String slug) {
		call("Cannot delete realm '" + slug + "'", () -> {
			try {
				admin().realm(slug).remove();
				log.info("Deleted Keycloak realm '{}'", slug);
			}
			catch (NotFoundException ex) {
				log.debug("Keycloak realm '{}' was already gone", slug);
			}
			return null;
		});
	}

	/** Closes the admin client if {@link #connect} opened it. */
	@Override
	public void close() {
		Keycloak admin = this.admin;
		if (this.ownsClient && admin != null) {
			admin.close();
		}
	}

	/**
	 * A random 24-character password with upper and lower case letters, digits and symbols, far
	 * past {@link RealmTemplate#PASSWORD_POLICY}.
	 */
	static String generatePassword() {
		List<Character> chars = new ArrayList<>();
		String all = UPPER + LOWER + DIGITS + SYMBOLS;
		for (String set : List.of(UPPER, LOWER, DIGITS, SYMBOLS)) {
			chars.add(set.charAt(RANDOM.nextInt(set.length())));
		}
		while (chars.size() < 24) {
			chars.add(all.charAt(RANDOM.nextInt(all.length())));
		}
		Collections.shuffle(chars, RANDOM);
		StringBuilder password = new StringBuilder();
		chars.forEach(password::append);
		return password.toString();
	}

}
