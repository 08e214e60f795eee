package org.comptoir.api.notices;

import java.util.Optional;

/** Placeholder until the adapters land (branch texts). */
final class PhoneNumbers {

	private PhoneNumbers() {
	}

	static Optional<String> e164(String input, String defaultRegion) {
		String digits = input.replaceAll("[\\s.()-]", "");
		return digits.matches("\\+[1-9]\\d{7,14}") ? Optional.of(digits) : Optional.empty();
	}

}
