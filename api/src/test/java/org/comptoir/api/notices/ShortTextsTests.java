package org.comptoir.api.notices;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** GSM 03.38 as phones count it, and texts fitted to one SMS (or two UCS-2 parts) with their link whole. */
class ShortTextsTests {


	@Test
	void theBasicSetHasItsHundredAndTwentySevenCharactersBesidesTheEscape() {
		assertThat(ShortTexts.BASIC).hasSize(127);
		assertThat(ShortTexts.BASIC.chars().distinct().count()).isEqualTo(127);
		assertThat(ShortTexts.EXTENSION).hasSize(10);
	}

	@Test
	void frenchAccentsInTheBasicSetAreGsm7TheOthersAndLowercaseCedillaAreNot() {
		assertThat(ShortTexts.gsm7("Réunion à Dakar : où est le café élu ? Ça va, tu viens ? ì ò Ø ä ö ü ñ")).isTrue();
		// only the lowercase ì and ò are there
		assertThat(ShortTexts.gsm7("Ì")).isFalse();
		// 0x09 is Ç; a text with ç goes as UCS-2
		assertThat(ShortTexts.gsm7("Reçu")).isFalse();
		assertThat(ShortTexts.gsm7("Fête")).isFalse();
		assertThat(ShortTexts.gsm7("Noël")).isFalse();
		assertThat(ShortTexts.gsm7("cœur")).isFalse();
		assertThat(ShortTexts.gsm7("…")).isFalse();
		assertThat(ShortTexts.gsm7("Prix : 20 € [TTC] {net} ~ | ^ \\")).isTrue();
	}

	@Test
	void englishAndKinyarwandaAreGsm7ArabicAndEmojiAreNot() {
		assertThat(ShortTexts.gsm7("Your listing expires in 3 days.")).isTrue();
		assertThat(ShortTexts.gsm7("Murakaza neza! Ubutumwa bushya buva kuri Café du Rwanda.")).isTrue();
		assertThat(ShortTexts.gsm7("طلب تواصل جديد من شركة الأطلس")).isFalse();
		assertThat(ShortTexts.gsm7("Bravo 🎉")).isFalse();
	}

	@Test
	void extensionCharactersTakeTwoSeptetsAndAreNeverSplitBetweenParts() {
		assertThat(ShortTexts.septets("20 €")).isEqualTo(5);
		assertThat(ShortTexts.segments("a".repeat(160))).isEqualTo(1);
		assertThat(ShortTexts.segments("a".repeat(159) + "€")).isEqualTo(2);
		assertThat(ShortTexts.segments("a".repeat(306))).isEqualTo(2);
		assertThat(ShortTexts.segments("a".repeat(307))).isEqualTo(3);
		// 306 septets, but the € does not fit in the first part's last septet
		assertThat(ShortTexts.segments("a".repeat(152) + "€" + "a".repeat(152))).isEqualTo(3);
	}

	@Test
	void ucs2TextsCountUtf16UnitsSeventyAloneSixtySevenAPart() {
		assertThat(ShortTexts.segments("ب".repeat(70))).isEqualTo(1);
		assertThat(ShortTexts.segments("ب".repeat(71))).isEqualTo(2);
		assertThat(ShortTexts.segments("ب".repeat(134))).isEqualTo(2);
		assertThat(ShortTexts.segments("ب".repeat(135))).isEqualTo(3);
		assertThat(ShortTexts.segments("😀".repeat(35))).isEqualTo(1);
		// 134 units, but the pair may not be split after the first part's 66
		assertThat(ShortTexts.segments("ب".repeat(66) + "😀" + "ب".repeat(66))).isEqualTo(3);
	}

}
