package org.comptoir.api.notices;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.comptoir.api.notices.Letters.Sender;
import org.comptoir.api.notices.Notice.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LettersTests {

	private static final Sender DAKAR = new Sender("CCI Dakar", "#0B6E4F", "https://cdn.example.sn/dakar.png");

	private static final String LINK = "https://dakar.comptoir.example/requests/4217";

	private static final String UNSUBSCRIBE = "https://dakar.comptoir.example/u/9f2c?kind=contact&t=x";

	/** 3GPP TS 23.038's basic set and its extension, written here again so the check does not trust Letters. */
	private static final String GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà" + "\f^{}\\[~]|€";

	private static Map<String, String> params(Kind kind, String company, String words) {
		return switch (kind) {
			case CONTACT_REQUEST_RECEIVED -> Map.of("fromCompany", company, "message", words, "listingTitle", "Noix de cajou brutes, 20 t");
			case CONTACT_REQUEST_ACCEPTED, CONTACT_REQUEST_DECLINED -> Map.of("toCompany", company, "response", words);
			case MESSAGE_RECEIVED -> Map.of("fromCompany", company, "message", words);
			case MEMBER_APPROVED -> Map.of("company", company);
			case MEMBER_REJECTED, MEMBER_SUSPENDED -> Map.of("company", company, "reason", words);
			case LISTING_EXPIRING -> Map.of("listingTitle", company, "expiresOn", "2027-03-31");
			case SAVED_SEARCH_MATCHES -> Map.of("searchName", company, "count", "3", "listingTitle", "Noix de cajou brutes, 20 t");
			case MATCH_FOUND -> Map.of("company", company, "listingTitle", "Noix de cajou brutes, 20 t", "ownListingTitle", "Achat de cajou, 50 t");
			case COLLEAGUE_INVITED -> Map.of("company", company, "email", "awa.diop@sahel-agro.sn");
		};
	}

	private static Notice notice(Kind kind) {
		return new Notice(kind, params(kind, "Sahel Agro SARL", "Bonjour, pouvez-vous livrer à Thiès ?"));
	}

	static Stream<Arguments> everyKindInEveryLanguage() {
		return Stream.of(Kind.values()).flatMap(kind -> Stream.of("fr", "en", "ar", "rw").map(lang -> Arguments.of(kind, lang)));
	}

	@ParameterizedTest
	@MethodSource("everyKindInEveryLanguage")
	void everyKindIsWrittenInEveryLanguage(Kind kind, String lang) {
		Letter letter = Letters.write(notice(kind), lang, DAKAR, LINK, UNSUBSCRIBE);
		assertThat(letter.subject()).contains("Sahel Agro SARL").contains("CCI Dakar").doesNotContain("{", "[");
		assertThat(letter.text()).contains("Sahel Agro SARL", "\n" + LINK + "\n", UNSUBSCRIBE, "CCI Dakar").doesNotContain("{", "[");
		assertThat(letter.text().lines().takeWhile(line -> !line.equals(LINK)).count()).isBetween(1L, 3L);
		assertThat(letter.html()).contains("<html lang=\"" + lang + "\"", "href=\"" + LINK + "\"",
				"href=\"https://dakar.comptoir.example/u/9f2c?kind=contact&amp;t=x\"", "max-width:560px",
				"background:#0B6E4F", "<img src=\"https://cdn.example.sn/dakar.png\" alt=\"CCI Dakar\" width=\"48\"");
		assertThat(Letters.shortText(notice(kind), lang, DAKAR, LINK)).contains(LINK).doesNotContain("{", "[");
	}

	@Test
	void arabicIsRightToLeft() {
		Letter letter = Letters.write(notice(Kind.MESSAGE_RECEIVED), "ar-MA", DAKAR, LINK, UNSUBSCRIBE);
		assertThat(letter.subject()).isEqualTo("رسالة جديدة من Sahel Agro SARL — CCI Dakar");
		assertThat(letter.html()).contains("<html lang=\"ar\" dir=\"rtl\">", "<div lang=\"ar\" dir=\"rtl\"");
		assertThat(Letters.write(notice(Kind.MESSAGE_RECEIVED), "fr", DAKAR, LINK, UNSUBSCRIBE).html())
			.contains("<html lang=\"fr\" dir=\"ltr\">");
	}

	@Test
	void frenchContactRequest() {
		Letter letter = Letters.write(notice(Kind.CONTACT_REQUEST_RECEIVED), "fr-SN", DAKAR, LINK, UNSUBSCRIBE);
		assertThat(letter.subject()).isEqualTo("Nouvelle demande de contact de Sahel Agro SARL — CCI Dakar");
		assertThat(letter.text()).isEqualTo("""
				Sahel Agro SARL souhaite entrer en contact avec vous.
				Annonce : Noix de cajou brutes, 20 t
				Message : « Bonjour, pouvez-vous livrer à Thiès ? »
				%s

				Vous recevez ce message en tant que membre de CCI Dakar.
				Se désabonner : %s
				""".formatted(LINK, UNSUBSCRIBE));
		assertThat(letter.html()).contains("Voir la demande</a>", "Se désabonner</a>");
	}

	@ParameterizedTest
	@ValueSource(strings = { "de", "de-CH", "", "zz-Latn" })
	void anotherLanguageIsFrench(String locale) {
		Letter letter = Letters.write(notice(Kind.MEMBER_APPROVED), locale, DAKAR, LINK, UNSUBSCRIBE);
		assertThat(letter.subject()).isEqualTo("Adhésion de Sahel Agro SARL approuvée — CCI Dakar");
		assertThat(letter.html()).contains("<html lang=\"fr\"");
		assertThat(Letters.write(notice(Kind.MEMBER_APPROVED), null, DAKAR, LINK, UNSUBSCRIBE)).isEqualTo(letter);
	}

	@Test
	void theLanguageIsTheLocales() {
		assertThat(Letters.write(notice(Kind.MEMBER_APPROVED), "en-GB", DAKAR, LINK, UNSUBSCRIBE).subject())
			.isEqualTo("Membership of Sahel Agro SARL approved — CCI Dakar");
		assertThat(Letters.write(notice(Kind.MEMBER_APPROVED), "rw_RW", DAKAR, LINK, UNSUBSCRIBE).subject())
			.isEqualTo("Sahel Agro SARL yemerewe kuba umunyamuryango — CCI Dakar");
	}

	@Test
	void namesAreEscapedInHtmlOnly() {
		String script = "<script>alert(1)</script>";
		Notice notice = new Notice(Kind.CONTACT_REQUEST_RECEIVED,
				Map.of("fromCompany", script, "message", "\"Prix\" & 'délais' <b>?</b>", "listingTitle", "Riz <i>brisé</i>"));
		Letter letter = Letters.write(notice, "fr", new Sender("CCI <Dakar>", "#0B6E4F", null), LINK, UNSUBSCRIBE);
		assertThat(letter.html()).doesNotContain("<script", "<b>", "<i>", "<Dakar>")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;Prix&quot; &amp; &#39;délais&#39;",
					"Riz &lt;i&gt;brisé&lt;/i&gt;", "CCI &lt;Dakar&gt;")
			.doesNotContain("<img");
		assertThat(letter.text()).contains(script, "\"Prix\" & 'délais' <b>?</b>");
		assertThat(letter.subject()).isEqualTo("Nouvelle demande de contact de " + script + " — CCI <Dakar>");
	}

	@Test
	void aParamIsNeverReadAsATemplate() {
		Notice notice = new Notice(Kind.MESSAGE_RECEIVED, Map.of("fromCompany", "{link} [x] $1 \\", "message", "{chamber}"));
		Letter letter = Letters.write(notice, "en", DAKAR, LINK, UNSUBSCRIBE);
		assertThat(letter.subject()).isEqualTo("New message from {link} [x] $1 \\ — CCI Dakar");
		assertThat(letter.text()).startsWith("{link} [x] $1 \\ sent you a message.\n“{chamber}”\n");
	}

	@Test
	void aLongExcerptIsCutWithAnEllipsis() {
		String message = "Nous cherchons un fournisseur régulier de noix de cajou. ".repeat(10);
		Letter letter = Letters.write(new Notice(Kind.MESSAGE_RECEIVED, Map.of("fromCompany", "Sahel Agro", "message", message)),
				"fr", DAKAR, LINK, UNSUBSCRIBE);
		String excerpt = letter.text().lines().toList().get(1);
		assertThat(excerpt).startsWith("« Nous cherchons").endsWith("… »");
		assertThat(excerpt.length()).isLessThanOrEqualTo(200 + "«  »".length());
		assertThat(letter.html()).contains("… »</p>");
	}

	@Test
	void aLongNameIsCutAndLineBreaksAreSpaces() {
		String name = "Groupement  des\nexportateurs ".repeat(10);
		Letter letter = Letters.write(new Notice(Kind.MEMBER_APPROVED, Map.of("company", name)), "fr", DAKAR, LINK, UNSUBSCRIBE);
		String cut = letter.subject().substring("Adhésion de ".length(), letter.subject().indexOf(" approuvée"));
		assertThat(cut).startsWith("Groupement des exportateurs Groupement").endsWith("…").hasSizeLessThanOrEqualTo(120);
		assertThat(letter.subject()).doesNotContain("\n", "  ");
	}

	@Test
	void aMissingOptionalParamLeavesItsSentenceOut() {
		Notice notice = new Notice(Kind.CONTACT_REQUEST_RECEIVED, Map.of("fromCompany", "Sahel Agro", "message", "Bonjour"));
		Letter letter = Letters.write(notice, "fr", DAKAR, LINK, UNSUBSCRIBE);
		assertThat(letter.text()).startsWith("Sahel Agro souhaite entrer en contact avec vous.\nMessage : « Bonjour »\n" + LINK);
		Map<String, String> blankReason = new HashMap<>(Map.of("company", "Sahel Agro", "reason", "  "));
		blankReason.put("response", null);
		Letter rejected = Letters.write(new Notice(Kind.MEMBER_REJECTED, blankReason), "en", DAKAR, LINK, UNSUBSCRIBE);
		assertThat(rejected.text()).doesNotContain("Reason").startsWith("CCI Dakar did not approve the membership of Sahel Agro.\n"
				+ "For any question, contact CCI Dakar.\n" + LINK);
		assertThat(Letters.shortText(new Notice(Kind.MEMBER_REJECTED, blankReason), "en", DAKAR, LINK))
			.isEqualTo("CCI Dakar: Membership of Sahel Agro declined. " + LINK);
	}

	@Test
	void aMissingRequiredParamIsAnError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Letters.write(new Notice(Kind.MEMBER_APPROVED, Map.of()), "fr", DAKAR, LINK, UNSUBSCRIBE))
			.withMessageContaining("company");
	}

	@ParameterizedTest
	@ValueSource(strings = { "blue", "#12345", "#1234567", "#GGGGGG", "" })
	void aColourThatIsNotRrggbbIsTheDefault(String color) {
		Letter letter = Letters.write(notice(Kind.MEMBER_APPROVED), "fr", new Sender("CCI Dakar", color, null), LINK, UNSUBSCRIBE);
		assertThat(letter.html()).contains("background:#1F4E79;color:#FFFFFF").doesNotContain("<img");
		assertThat(Letters.write(notice(Kind.MEMBER_APPROVED), "fr", new Sender("CCI Dakar", null, null), LINK, UNSUBSCRIBE))
			.isEqualTo(letter);
	}

	@Test
	void aLightColourGetsDarkText() {
		Letter letter = Letters.write(notice(Kind.MEMBER_APPROVED), "fr", new Sender("CCI Kigali", "#F5C518", null), LINK, UNSUBSCRIBE);
		assertThat(letter.html()).contains("background:#F5C518;color:#111827");
	}

	static Stream<Arguments> everyKindInEveryGsm7Language() {
		return Stream.of(Kind.values()).flatMap(kind -> Stream.of("fr", "en", "rw").map(lang -> Arguments.of(kind, lang)));
	}

	@ParameterizedTest
	@MethodSource("everyKindInEveryGsm7Language")
	void aTextMessageFitsIn160(Kind kind, String lang) {
		String link = "https://dakar.comptoir.example/r/" + "a".repeat(17);
		assertThat(link).hasSize(50);
		String company = "Société Nouvelle des Exportateurs Réunis de Produits Agricoles et Halieutiques, Sénégal-Oriental SAS";
		assertThat(company).hasSize(100);
		String sms = Letters.shortText(new Notice(kind, params(kind, company, "Bonjour, nous voulons 20 t. ".repeat(8))), lang,
				DAKAR, link);
		assertThat(sms).hasSizeLessThanOrEqualTo(160).endsWith(" " + link).contains("Société Nouvelle").doesNotContain("t....");
		assertThat(isGsm7(sms)).as(sms).isTrue();
	}

	@ParameterizedTest
	@MethodSource("everyKindInEveryGsm7Language")
	void theLongestTextMessageStillFitsIn160(Kind kind, String lang) {
		String link = "https://kigali.comptoir.example/r/" + "b".repeat(26);
		assertThat(link).hasSize(60);
		Sender chamber = new Sender("Chambre de Commerce, d'Industrie et d'Agriculture de la Région de Kaolack", null, null);
		String sms = Letters.shortText(new Notice(kind, params(kind, "W".repeat(130), "mot ".repeat(80))), lang, chamber, link);
		assertThat(sms).hasSizeLessThanOrEqualTo(160).endsWith(" " + link).contains("WWWWWWWW");
	}

	@Test
	void aShortTextMessageIsWhole() {
		assertThat(Letters.shortText(notice(Kind.CONTACT_REQUEST_RECEIVED), "fr", DAKAR, LINK))
			.isEqualTo("CCI Dakar : Sahel Agro SARL souhaite vous contacter : \"Bonjour, pouvez-vous livrer à Thiès ?\" " + LINK);
		assertThat(Letters.shortText(notice(Kind.MEMBER_SUSPENDED), "en", DAKAR, LINK))
			.isEqualTo("CCI Dakar: Account of Sahel Agro SARL suspended. Reason: Bonjour, pouvez-vous livrer à Thiès ? " + LINK);
	}

	@Test
	void aLongExcerptIsCutInATextMessageBeforeTheChamberGoes() {
		String sms = Letters.shortText(new Notice(Kind.MESSAGE_RECEIVED,
				Map.of("fromCompany", "Sahel Agro", "message", "Nous cherchons un fournisseur régulier. ".repeat(6))), "fr", DAKAR, LINK);
		assertThat(sms).startsWith("CCI Dakar : Message de Sahel Agro : \"Nous cherchons").endsWith("...\" " + LINK)
			.hasSizeBetween(140, 160);
	}

	@Test
	void typographicSignsBecomeGsm7InATextMessage() {
		Notice notice = new Notice(Kind.MESSAGE_RECEIVED,
				Map.of("fromCompany", "Cœur d’Ivoire — Façonnage", "message", "« Très bien » : ça marche…"));
		String sms = Letters.shortText(notice, "fr", DAKAR, LINK);
		assertThat(sms).isEqualTo("CCI Dakar : Message de Coeur d'Ivoire - Faconnage : \"\" Très bien \" : ca marche...\" " + LINK);
		assertThat(isGsm7(sms)).isTrue();
	}

	@Test
	void arabicTextMessagesKeepTo70BesidesTheLink() {
		String link = "https://casablanca.comptoir.example/r/42";
		for (Kind kind : Kind.values()) {
			String sms = Letters.shortText(new Notice(kind, params(kind, "شركة الأطلس للتصدير والاستيراد ".repeat(3), "نريد ".repeat(40))),
					"ar-MA", new Sender("غرفة التجارة والصناعة والخدمات الدار البيضاء سطات", null, null), link);
			assertThat(sms.length() - link.length() - 1).as(sms).isLessThanOrEqualTo(70);
			assertThat(sms).endsWith(" " + link);
		}
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void frenchAndEnglishTextMessagesAreGsm7(Kind kind) {
		for (String lang : new String[] { "fr", "en", "rw" }) {
			String sms = Letters.shortText(new Notice(kind, params(kind, "Sahel Agro", "OK")), lang, DAKAR, LINK);
			assertThat(isGsm7(sms)).as(sms).isTrue();
		}
	}

	@Test
	void theGsm7CheckKnowsItsLetters() {
		assertThat(isGsm7("Réponse à l'offre : d'accord, 20 t à 1 500 €")).isTrue();
		assertThat(isGsm7("cœur")).isFalse();
		assertThat(isGsm7("l’offre")).isFalse();
		assertThat(isGsm7("reçu")).isFalse();
		assertThat(isGsm7("être")).isFalse();
	}

	private static boolean isGsm7(String text) {
		return text.chars().allMatch(c -> GSM7.indexOf(c) >= 0);
	}

}
