package org.comptoir.api.notices;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Phones as people type them, to E.164, mobiles only. */
class PhoneNumbersTests {

	@Test
	void aNationalMobileIsReadInTheChambersCountry() {
		assertThat(PhoneNumbers.e164("77 123 45 67", "SN")).contains("+221771234567");
		assertThat(PhoneNumbers.e164("06-12-34-56-78", "FR")).contains("+33612345678");
		assertThat(PhoneNumbers.e164("0788 123 456", "rw")).contains("+250788123456");
		assertThat(PhoneNumbers.e164("06.12.34.56.78", "MA")).contains("+212612345678");
		assertThat(PhoneNumbers.e164("07 07 12 34 56", "CI")).contains("+2250707123456");
	}

	@Test
	void anInternationalNumberIsReadWhateverTheChamber() {
		assertThat(PhoneNumbers.e164("+221 77 123 45 67", "FR")).contains("+221771234567");
		assertThat(PhoneNumbers.e164("00221771234567", "FR")).contains("+221771234567");
		assertThat(PhoneNumbers.e164("+33 (0)6 12 34 56 78", null)).contains("+33612345678");
	}

	@Test
	void aLandlineTooShortOrNotANumberIsNoPhoneForTexts() {
		// Paris and Dakar landlines
		assertThat(PhoneNumbers.e164("01 42 68 53 00", "FR")).isEmpty();
		assertThat(PhoneNumbers.e164("33 823 45 67", "SN")).isEmpty();
		assertThat(PhoneNumbers.e164("77 123", "SN")).isEmpty();
		assertThat(PhoneNumbers.e164("not a phone", "SN")).isEmpty();
		assertThat(PhoneNumbers.e164("", "SN")).isEmpty();
		assertThat(PhoneNumbers.e164(null, "SN")).isEmpty();
		// national without a country to read it in
		assertThat(PhoneNumbers.e164("77 123 45 67", null)).isEmpty();
	}

	@Test
	void aPhonesCountryIsItsRegion() {
		assertThat(PhoneNumbers.region("+221771234567")).isEqualTo("SN");
		assertThat(PhoneNumbers.region("+250788123456")).isEqualTo("RW");
		assertThat(PhoneNumbers.region("+33612345678")).isEqualTo("FR");
		assertThat(PhoneNumbers.region("+2250707123456")).isEqualTo("CI");
		assertThat(PhoneNumbers.region("garbage")).isEqualTo(PhoneNumbers.UNKNOWN);
		assertThat(PhoneNumbers.region(null)).isEqualTo(PhoneNumbers.UNKNOWN);
	}

}
