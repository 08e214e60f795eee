package org.comptoir.keycloak;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RealmProvisionerTests {

	@Test
	void generatedPasswordsAreLongMixedAndUnique() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			String password = RealmProvisioner.generatePassword();
			assertThat(password).hasSize(24)
				.containsPattern("[A-Z]")
				.containsPattern("[a-z]")
				.containsPattern("[0-9]")
				.containsPattern("[^A-Za-z0-9]");
			assertThat(seen.add(password)).isTrue();
		}
	}

}
