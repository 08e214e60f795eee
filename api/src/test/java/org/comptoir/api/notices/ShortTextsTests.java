package org.comptoir.api.notices;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** GSM 03.38 as phones count it, and texts fitted to one SMS (or two UCS-2 parts) with their link whole. */
class ShortTextsTests {

	private static final String LINK = "https://senegal.comptoir.example/c/8f3a2b";

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

	@Test
	void aTextThatFitsKeepsItsWordsAndTheLinkFollows() {
		assertThat(ShortTexts.compose("Nouvelle demande de contact de Sahel Agro.", LINK))
			.isEqualTo("Nouvelle demande de contact de Sahel Agro. " + LINK);
		assertThat(ShortTexts.compose("  Murakaza neza!  ", LINK)).isEqualTo("Murakaza neza! " + LINK);
		assertThat(ShortTexts.compose("Your listing expires in 3 days.", null)).isEqualTo("Your listing expires in 3 days.");
	}

	@Test
	void aLongGsm7TextIsCutAtAWordWithThreeDotsToOneSms() {
		String text = "Sahel Agro vous a envoye une demande de contact au sujet de votre annonce de mangues sechees "
				+ "biologiques en vrac, conditionnees pour l'export vers l'Europe et le Maghreb.";
		String sms = ShortTexts.compose(text, LINK);

		assertThat(sms).endsWith("... " + LINK);
		assertThat(ShortTexts.septets(sms)).isLessThanOrEqualTo(160);
		assertThat(ShortTexts.segments(sms)).isEqualTo(1);
		String kept = sms.substring(0, sms.length() - ("... " + LINK).length());
		assertThat(text).startsWith(kept);
		// a word's end: the comma after it goes with the cut
		assertThat(Character.isLetter(text.charAt(kept.length()))).isFalse();
	}

	@Test
	void extensionCharactersCountTwiceInTheRoomLeft() {
		String text = "Prix {net} [HT] : " + "20 € ".repeat(30);
		String sms = ShortTexts.compose(text, LINK);

		assertThat(ShortTexts.septets(sms)).isLessThanOrEqualTo(160);
		assertThat(sms.length()).isLessThan(160);
	}

	@Test
	void arabicGoesAsTwoUcs2PartsCutWithAnEllipsis() {
		String text = "طلب تواصل جديد من شركة الأطلس للتصدير بخصوص إعلانكم عن التمور المجففة المعدة للتصدير إلى أوروبا "
				+ "وأفريقيا الغربية، يرجى الرد في أقرب وقت ممكن حتى لا تفوتكم هذه الفرصة التجارية المهمة";
		String sms = ShortTexts.compose(text, LINK);

		assertThat(sms).endsWith("… " + LINK);
		assertThat(sms.length()).isLessThanOrEqualTo(134);
		assertThat(ShortTexts.segments(sms)).isEqualTo(2);
		String kept = sms.substring(0, sms.length() - ("… " + LINK).length());
		assertThat(text).startsWith(kept);
		assertThat(text.charAt(kept.length())).isEqualTo(' ');
	}

	@Test
	void oneLetterOutsideGsm7MakesTheWholeTextUcs2() {
		String text = "Reçu : Sahel Agro vous a envoyé une demande de contact au sujet de votre annonce de mangues séchées "
				+ "biologiques en vrac, pour l'export vers l'Europe et le Maghreb.";
		String sms = ShortTexts.compose(text, LINK);

		assertThat(sms).endsWith("… " + LINK);
		assertThat(ShortTexts.segments(sms)).isEqualTo(2);
	}

	@Test
	void anEmojiIsNeverCutInHalf() {
		String sms = ShortTexts.compose("🎉".repeat(80), LINK);

		assertThat(sms).endsWith("… " + LINK);
		assertThat(ShortTexts.segments(sms)).isLessThanOrEqualTo(2);
		// a lone half would be a code point of its own
		assertThat(sms.codePoints().filter(point -> Character.getType(point) == Character.SURROGATE).count()).isZero();
	}

	@Test
	void theLinkStaysWholeWhenNoWordFitsBesideIt() {
		String link = "https://senegal.comptoir.example/" + "x".repeat(150);

		assertThat(ShortTexts.compose("Nouvelle demande de contact de Sahel Agro.", link)).isEqualTo(link);
		String longer = link + "y".repeat(20);
		assertThat(ShortTexts.compose("Nouvelle demande", longer)).isEqualTo(longer);
	}

}
