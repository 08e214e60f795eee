package org.comptoir.api.member;

import java.util.Locale;
import java.util.Optional;

/**
 * Checks company registration numbers whose format is known for the country; unknown schemes are
 * kept as given. Returns the problem, if any, as a user-facing message.
 */
final class Registrations {

	private Registrations() {
	}

	/** The normalised value (spaces removed for numeric schemes). */
	static String normalise(String scheme, String value) {
		String s = scheme.trim().toUpperCase(Locale.ROOT);
		return switch (s) {
			case "ICE", "SIREN", "SIRET", "TIN", "NINEA" -> value.replaceAll("[\\s.-]", "");
			default -> value.trim();
		};
	}

	static Optional<String> problem(String country, String scheme, String value) {
		String s = scheme.trim().toUpperCase(Locale.ROOT);
		String v = normalise(s, value);
		if (v.isEmpty() || v.length() > 64) {
			return Optional.of(s + " must be 1 to 64 characters.");
		}
		switch (s) {
			case "ICE":
				return v.matches("[0-9]{15}") ? Optional.empty() : Optional.of("ICE (Morocco) must be exactly 15 digits.");
			case "SIREN":
				return v.matches("[0-9]{9}") && luhn(v) ? Optional.empty()
						: Optional.of("SIREN (France) must be 9 digits with a valid check digit.");
			case "SIRET":
				return v.matches("[0-9]{14}") && luhn(v) ? Optional.empty()
						: Optional.of("SIRET (France) must be 14 digits with a valid check digit.");
			case "TIN":
				return !"RW".equals(country) || v.matches("[0-9]{9}") ? Optional.empty()
						: Optional.of("TIN (Rwanda) must be exactly 9 digits.");
			case "NINEA":
				return v.matches("[0-9]{7,9}([0-9A-Z]{3})?") ? Optional.empty()
						: Optional.of("NINEA (Senegal) must be 7 to 9 digits, optionally followed by its 3-character tax code.");
			default:
				return Optional.empty();
		}
	}

	static boolean luhn(String digits) {
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int d = digits.charAt(digits.length() - 1 - i) - '0';
			if (i % 2 == 1) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
		}
		return sum % 10 == 0;
	}

}
