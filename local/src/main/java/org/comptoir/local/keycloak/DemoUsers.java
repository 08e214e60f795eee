package org.comptoir.local.keycloak;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.comptoir.keycloak.RealmTemplate;
import org.comptoir.keycloak.ChamberRealm;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The demo users of local development and tests, password {@value #PASSWORD} everywhere: in each
 * chamber's realm {@code admin@<slug>.test} ({@code chamber-admin}), {@code owner@<slug>.test} and
 * {@code newcomer@<slug>.test} ({@code member}); in realm {@code platform},
 * {@value #PLATFORM_ADMIN_EMAIL} ({@code platform-admin}).
 * <p>
 * Their ids are derived from their email ({@link #idOf(String)}), so the API's demo data can name
 * them before Keycloak has imported them, and they stay the same across fresh starts.
 */
public final class DemoUsers {

	/** The password of every demo user. */
	public static final String PASSWORD = "demo";

	/** The demo platform admin, in realm {@code platform}. */
	public static final String PLATFORM_ADMIN_EMAIL = "platform@comptoir.test";

	/**
	 * The password policy of realms holding demo users: {@link RealmTemplate#PASSWORD_POLICY}
	 * without its minimum length, since Keycloak enforces the policy when it imports users and
	 * would refuse {@value #PASSWORD}.
	 */
	public static final String DEMO_PASSWORD_POLICY = "notUsername and notEmail";

	private DemoUsers() {
	}

	/**
	 * The Keycloak user id (the tokens' {@code sub}) of the demo user with this email:
	 * {@code UUID.nameUUIDFromBytes(("comptoir-demo-user:" + email).getBytes(UTF_8))}.
	 */
	public static UUID idOf(String email) {
		return UUID.nameUUIDFromBytes(("comptoir-demo-user:" + email).getBytes(StandardCharsets.UTF_8));
	}

	/** {@code admin@<slug>.test}, the chamber admin of a chamber. */
	public static String adminOf(String slug) {
		return "admin@" + slug + ".test";
	}

	/** {@code owner@<slug>.test}, a member owning a company. */
	public static String ownerOf(String slug) {
		return "owner@" + slug + ".test";
	}

	/** {@code newcomer@<slug>.test}, a member with no company yet. */
	public static String newcomerOf(String slug) {
		return "newcomer@" + slug + ".test";
	}

	/** The demo users of a chamber's realm. */
	public static List<UserRepresentation> chamberUsers(String slug) {
		String name = capitalize(slug);
		return List.of(user(slug, adminOf(slug), "Admin", name, RealmTemplate.CHAMBER_ADMIN),
				user(slug, ownerOf(slug), "Owner", name, RealmTemplate.MEMBER),
				user(slug, newcomerOf(slug), "Newcomer", name, RealmTemplate.MEMBER));
	}

	/** The demo users of realm {@code platform}. */
	public static List<UserRepresentation> platformUsers() {
		return List.of(user(RealmTemplate.PLATFORM_REALM, PLATFORM_ADMIN_EMAIL, "Platform", "Admin",
				RealmTemplate.PLATFORM_ADMIN));
	}

	/**
	 * Adds the demo users to a realm rendered by {@link RealmTemplate} (chamber or platform), and
	 * relaxes its password policy to {@link #DEMO_PASSWORD_POLICY}. Returns the same realm.
	 */
	public static RealmRepresentation addTo(RealmRepresentation realm) {
		String name = realm.getRealm();
		List<UserRepresentation> users = new ArrayList<>(realm.getUsers() != null ? realm.getUsers() : List.of());
		users.addAll(RealmTemplate.PLATFORM_REALM.equals(name) ? platformUsers() : chamberUsers(name));
		realm.setUsers(users);
		realm.setPasswordPolicy(DEMO_PASSWORD_POLICY);
		return realm;
	}

	/**
	 * The realms of local development: one per chamber and {@code platform}, each with its demo
	 * users; what {@link KeycloakLauncher} imports.
	 */
	public static List<RealmRepresentation> realms(RealmTemplate template, List<ChamberRealm> chambers) {
		List<RealmRepresentation> realms = new ArrayList<>();
		for (ChamberRealm chamber : chambers) {
			realms.add(addTo(template.chamberRealm(chamber)));
		}
		realms.add(addTo(template.platformRealm()));
		return List.copyOf(realms);
	}

	private static UserRepresentation user(String realm, String email, String firstName, String lastName,
			String role) {
		UserRepresentation user = new UserRepresentation();
		user.setId(idOf(email).toString());
		user.setUsername(email);
		user.setEmail(email);
		user.setEmailVerified(true);
		user.setFirstName(firstName);
		user.setLastName(lastName);
		user.setEnabled(true);
		// Default roles too, as Keycloak grants them to users it creates itself (RealmProvisioner).
		user.setRealmRoles(List.of("default-roles-" + realm, role));
		CredentialRepresentation password = new CredentialRepresentation();
		password.setType(CredentialRepresentation.PASSWORD);
		password.setValue(PASSWORD);
		password.setTemporary(false);
		user.setCredentials(List.of(password));
		return user;
	}

	private static String capitalize(String slug) {
		return slug.isEmpty() ? slug : slug.substring(0, 1).toUpperCase(Locale.ROOT) + slug.substring(1);
	}

}
