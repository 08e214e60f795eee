package org.comptoir.api.notices;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phones as people type them, read with libphonenumber (Google's numbering plans, kept current by its releases). */
final class PhoneNumbers {

	/** Where a text can arrive; FIXED_LINE_OR_MOBILE is what the plans say where the two are not told apart (the US). */
	private static final Set<PhoneNumberType> TEXTABLE = EnumSet.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	/** libphonenumber's region for no country (also a non-geographic number's). */
	static final String UNKNOWN = "ZZ";

	private PhoneNumbers() {
	}

	/**
	 * The phone in E.164 ({@code +221771234567}) when it is a valid mobile number: typed nationally
	 * ({@code 77 123 45 67}, read in defaultRegion) or internationally ({@code +221 77...}, {@code 00221 77...}),
	 * with spaces, dots, dashes or brackets; empty for anything else (a landline, too short, not a number).
	 *
	 * @param defaultRegion the ISO 3166 country a national number is read in (the chamber's), null for none
	 */
	static Optional<String> e164(String input, String defaultRegion) {
		if (input == null || input.isBlank()) {
			return Optional.empty();
		}
		String region = defaultRegion == null || defaultRegion.isBlank() ? UNKNOWN : defaultRegion.strip().toUpperCase(Locale.ROOT);
		try {
			PhoneNumber number = UTIL.parse(input, region);
			return UTIL.isValidNumber(number) && TEXTABLE.contains(UTIL.getNumberType(number))
					? Optional.of(UTIL.format(number, PhoneNumberFormat.E164)) : Optional.empty();
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

	/** The ISO 3166 country of an E.164 phone ({@code SN}), {@value #UNKNOWN} when it has none or is not a phone. */
	static String region(String e164) {
		if (e164 == null || e164.isBlank()) {
			return UNKNOWN;
		}
		try {
			String region = UTIL.getRegionCodeForNumber(UTIL.parse(e164, UNKNOWN));
			return region == null ? UNKNOWN : region;
		}
		catch (NumberParseException ex) {
			return UNKNOWN;
		}
	}

}
