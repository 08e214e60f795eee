package org.comptoir.keycloak;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and deletes chamber realms and their users through Keycloak's admin API, as the master
 * realm's admin. Every failure comes out as a {@link KeycloakProvisioningException}.
 */
public final class RealmProvisioner implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RealmProvisioner.class);

	private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";

	private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";

	private static final String DIGITS = "23456789";

	private static final String SYMBOLS = "-_.!@#%+=";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Supplier<Keycloak> client;

	private volatile Keycloak admin;

	private final RealmTemplate template;

	private final boolean ownsClient;

	/**
	 * A provisioner on an admin client the caller owns (and closes).
	 * @param admin a client authenticated to the master realm with rights to create realms
	 * @param template renders the realms {@link #createRealm(ChamberRealm)} creates
	 */
	public RealmProvisioner(Keycloak admin, RealmTemplate template) {
		this(() -> admin, template, false);
	}

	private RealmProvisioner(Supplier<Keycloak> client, RealmTemplate template, boolean ownsClient) {
		this.client = client;
		this.template = template;
		this.ownsClient = ownsClient;
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
			.build(), template, true);
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

	/** Whether a realm of this name exists. */
	public boolean realmExists(String slug) {
		try {
			admin().realm(slug).toRepresentation();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
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
			return null;
		});
		log.info("Created Keycloak realm '{}'", realm.getRealm());
	}

	/**
	 * Creates a chamber admin (realm role {@code chamber-admin}) with a generated initial password,
	 * first name "Chamber", last name "Admin".
	 * @see #createAdmin(String, String, String, String)
	 */
	public String createAdmin(String slug, String email) {
		return createAdmin(slug, email, "Chamber", "Admin");
	}

	/**
	 * Creates a chamber admin: realm role {@code chamber-admin}, email verified, and a generated
	 * strong random password, not temporary, so that the password grant works for it at once in
	 * local development. In production the admin would rather get an execute-actions email
	 * ({@code UPDATE_PASSWORD}) and never see a generated password.
	 * @return the generated password
	 * @throws KeycloakProvisioningException if the realm is missing or the email is taken (409)
	 */
	public String createAdmin(String slug, String email, String firstName, String lastName) {
		String password = generatePassword();
		createUser(slug, email, firstName, lastName, password, RealmTemplate.CHAMBER_ADMIN);
		return password;
	}

	/**
	 * Creates an enabled user with a verified email, a non-temporary password, the realm's default
	 * roles and the given realm roles. A user left without its roles is deleted again.
	 * @return the user's id (the tokens' {@code sub})
	 */
	public String createUser(String slug, String email, String firstName, String lastName, String password,
			String... realmRoles) {
		return createUser(slug, email, true, firstName, lastName, password, realmRoles);
	}

	/** The same, with the email marked verified or not (an invited address is not verified until its owner signs in). */
	private String createUser(String slug, String email, boolean emailVerified, String firstName, String lastName,
			String password, String... realmRoles) {
		RealmResource realm = admin().realm(slug);
		UserRepresentation user = new UserRepresentation();
		user.setUsername(email.toLowerCase(Locale.ROOT));
		user.setEmail(email);
		user.setEmailVerified(emailVerified);
		// Keycloak's user profile requires both; without them the user could not sign in yet.
		user.setFirstName(firstName);
		user.setLastName(lastName);
		user.setEnabled(true);
		CredentialRepresentation credential = new CredentialRepresentation();
		credential.setType(CredentialRepresentation.PASSWORD);
		credential.setValue(password);
		credential.setTemporary(false);
		user.setCredentials(List.of(credential));
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
	 * Deletes a realm and everything in it; a realm that does not exist is not an error, so that
	 * undoing a half-made chamber can always call it.
	 */
	/** A user of a chamber's realm, as created by {@link #createMemberUser}. */
	public record CreatedUser(String id, String initialPassword) {
	}

	/**
	 * Creates a company user (realm role {@code member}) with a generated initial password. With
	 * {@code emailActions}, Keycloak also emails the user a link to choose their own password (needs the
	 * realm's SMTP settings); the password is then not returned.
	 */
	public CreatedUser createMemberUser(String slug, String email, String firstName, String lastName, boolean emailActions) {
		String password = generatePassword();
		// whoever typed the address proved nothing about it: not verified
		String id = createUser(slug, email, false, firstName, lastName, password, RealmTemplate.MEMBER);
		if (!emailActions) {
			return new CreatedUser(id, password);
		}
		call("Cannot email '" + email + "' in realm '" + slug + "'", () -> {
			admin().realm(slug).users().get(id).executeActionsEmail(List.of("UPDATE_PASSWORD"));
			return null;
		});
		return new CreatedUser(id, null);
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

	private static <T> T call(String what, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (RuntimeException ex) {
			throw failure(what, ex);
		}
	}

	private static KeycloakProvisioningException failure(String what, RuntimeException ex) {
		if (ex instanceof KeycloakProvisioningException known) {
			return known;
		}
		if (ex instanceof WebApplicationException web && web.getResponse() != null) {
			int status = web.getResponse().getStatus();
			return new KeycloakProvisioningException(what + ": Keycloak answered " + status + body(web.getResponse()),
					status, ex);
		}
		if (ex instanceof ProcessingException) {
			return new KeycloakProvisioningException(what + ": Keycloak is unreachable (" + ex.getMessage() + ")", ex);
		}
		return new KeycloakProvisioningException(what + ": " + ex, ex);
	}

	private static String body(Response response) {
		try {
			String body = response.readEntity(String.class);
			return (body == null || body.isBlank()) ? "" : " " + body.strip();
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

}
