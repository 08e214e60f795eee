package org.comptoir.local.keycloak;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.comptoir.keycloak.RealmTemplate;
import org.comptoir.keycloak.ChamberRealm;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

class DemoUsersTests {

	@Test
	void demoUserIdsAreDerivedFromTheEmailOnly() {
		UUID expected = UUID
			.nameUUIDFromBytes("comptoir-demo-user:owner@senegal.test".getBytes(StandardCharsets.UTF_8));

		assertThat(DemoUsers.idOf("owner@senegal.test")).isEqualTo(expected)
			.isEqualTo(DemoUsers.idOf("owner@senegal.test"))
			.isNotEqualTo(DemoUsers.idOf("owner@maroc.test"));
		assertThat(DemoUsers.idOf("owner@senegal.test").version()).isEqualTo(3);
	}

	@Test
	void renderedDemoUsersCarryTheirDeterministicIds() {
		List<UserRepresentation> first = DemoUsers.chamberUsers("maroc");
		List<UserRepresentation> second = DemoUsers.chamberUsers("maroc");

		assertThat(first).extracting(UserRepresentation::getId).containsExactlyElementsOf(
				second.stream().map(UserRepresentation::getId).toList());
		assertThat(first).allSatisfy(user -> assertThat(user.getId()).isEqualTo(DemoUsers.idOf(user.getEmail()).toString()));
	}

	@Test
	void everyChamberHasAnAdminAnOwnerAndANewcomer() {
		List<UserRepresentation> users = DemoUsers.chamberUsers("senegal");

		assertThat(users).extracting(UserRepresentation::getUsername)
			.containsExactly("admin@senegal.test", "owner@senegal.test", "newcomer@senegal.test");
		assertThat(users.get(0).getRealmRoles()).contains("chamber-admin").doesNotContain("member");
		assertThat(users.get(1).getRealmRoles()).contains("member");
		assertThat(users.get(2).getRealmRoles()).contains("member");
		assertThat(users).allSatisfy(user -> {
			assertThat(user.isEmailVerified()).isTrue();
			assertThat(user.isEnabled()).isTrue();
			assertThat(user.getFirstName()).isNotBlank();
			assertThat(user.getLastName()).isNotBlank();
			assertThat(user.getCredentials()).singleElement().satisfies(credential -> {
				assertThat(credential.getValue()).isEqualTo("demo");
				assertThat(credential.isTemporary()).isFalse();
			});
		});
	}

	@Test
	void demoRealmsArePerChamberPlusPlatformAndAcceptTheDemoPassword() {
		List<RealmRepresentation> realms = DemoUsers.realms(RealmTemplate.development(),
				List.of(new ChamberRealm("senegal", "Comptoir Dakar", "fr", List.of("fr"))));

		assertThat(realms).extracting(RealmRepresentation::getRealm).containsExactly("senegal", "platform");
		assertThat(realms).allSatisfy(realm -> assertThat(realm.getPasswordPolicy()).doesNotContain("length"));
		assertThat(realms.get(1).getUsers()).singleElement().satisfies(user -> {
			assertThat(user.getUsername()).isEqualTo("platform@comptoir.test");
			assertThat(user.getRealmRoles()).contains("platform-admin");
			assertThat(user.getId()).isEqualTo(DemoUsers.idOf("platform@comptoir.test").toString());
		});
	}

}
