package org.comptoir.api.notices;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which provider carries a text, from configuration bound as Spring Boot binds it. */
class TextProvidersTests {

	private static final Map<String, String> ACCOUNTS = Map.of(
			"comptoir.notices.texts.africastalking.username", "comptoir",
			"comptoir.notices.texts.africastalking.api-key", "atsk_0123",
			"comptoir.notices.texts.orange.client-id", "id",
			"comptoir.notices.texts.orange.client-secret", "secret",
			"comptoir.notices.texts.orange.sender", "2210000",
			"comptoir.notices.texts.twilio.account-sid", "AC0123",
			"comptoir.notices.texts.twilio.auth-token", "token",
			"comptoir.notices.texts.twilio.from", "+33757000111");

	@Test
	void nothingConfiguredMeansNoSmsAndNoWhatsApp() {
		TextProviders providers = providers(Map.of());

		assertThat(providers.available(Channel.SMS)).isFalse();
		assertThat(providers.available(Channel.WHATSAPP)).isFalse();
		assertThat(providers.forPhone(Channel.SMS, "+221771234567")).isEmpty();
		assertThat(providers.forPhone(Channel.WHATSAPP, "+221771234567")).isEmpty();
	}

	@Test
	void aPhoneGoesThroughItsCountrysProviderElseTheDefault() {
		TextProviders providers = providers(with(Map.of("comptoir.notices.texts.sms.provider", "twilio",
				"comptoir.notices.texts.sms.countries.SN", "orange", "comptoir.notices.texts.sms.countries.rw", "AfricasTalking")));

		assertThat(providers.available(Channel.SMS)).isTrue();
		assertThat(name(providers.forPhone(Channel.SMS, "+221771234567"))).contains("orange");
		assertThat(name(providers.forPhone(Channel.SMS, "+250788123456"))).contains("africastalking");
		assertThat(name(providers.forPhone(Channel.SMS, "+33612345678"))).contains("twilio");
		assertThat(providers.forPhone(Channel.SMS, "+33612345678").map(TextProvider::channel)).contains(Channel.SMS);
		assertThat(providers.forPhone(Channel.EMAIL, "+33612345678")).isEmpty();
	}

	@Test
	void aCountryOnlyHasSmsWhereItIsNamedWithoutADefault() {
		TextProviders providers = providers(with(Map.of("comptoir.notices.texts.sms.countries.SN", "orange",
				"comptoir.notices.texts.sms.countries.FR", "none")));

		assertThat(providers.available(Channel.SMS)).isTrue();
		assertThat(name(providers.forPhone(Channel.SMS, "+221771234567"))).contains("orange");
		assertThat(providers.forPhone(Channel.SMS, "+33612345678")).isEmpty();
		assertThat(providers.forPhone(Channel.SMS, "+250788123456")).isEmpty();
	}

	@Test
	void whatsAppIsOnWhenItsPhoneNumberIdIsSet() {
		TextProviders providers = providers(Map.of("comptoir.notices.texts.whatsapp.phone-number-id", "109876543210987",
				"comptoir.notices.texts.whatsapp.token", "EAAG-token"));

		assertThat(providers.available(Channel.WHATSAPP)).isTrue();
		assertThat(providers.available(Channel.SMS)).isFalse();
		assertThat(name(providers.forPhone(Channel.WHATSAPP, "+221771234567"))).contains("whatsapp");
	}

	@Test
	void aProviderNamedWithoutItsAccountOrUnknownFailsTheStart() {
		assertThatThrownBy(() -> providers(Map.of("comptoir.notices.texts.sms.provider", "orange")))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("comptoir.notices.texts.orange.client-id");
		assertThatThrownBy(() -> providers(Map.of("comptoir.notices.texts.sms.countries.SN", "sendgrid")))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("\"sendgrid\"");
		assertThatThrownBy(() -> providers(Map.of("comptoir.notices.texts.whatsapp.phone-number-id", "1098")))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("comptoir.notices.texts.whatsapp.token");
	}

	@Test
	void theDefaultsAreTheRealProvidersAddresses() {
		TextProperties properties = bind(Map.of());

		assertThat(properties.sms().provider()).isEqualTo("none");
		assertThat(properties.africastalking().baseUrl()).isEqualTo("https://api.africastalking.com");
		assertThat(properties.orange().baseUrl()).isEqualTo("https://api.orange.com");
		assertThat(properties.twilio().baseUrl()).isEqualTo("https://api.twilio.com");
		assertThat(properties.whatsapp().baseUrl()).isEqualTo("https://graph.facebook.com");
		assertThat(properties.whatsapp().languages()).containsEntry("rw", "rw_RW");
	}

	private static Map<String, String> with(Map<String, String> routing) {
		Map<String, String> all = new java.util.HashMap<>(ACCOUNTS);
		all.putAll(routing);
		return all;
	}

	private static Optional<String> name(Optional<TextProvider> provider) {
		return provider.map(TextProvider::name);
	}

	private static TextProviders providers(Map<String, String> properties) {
		return new TextProviders(bind(properties), JsonMapper.builder().build());
	}

	private static TextProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("comptoir.notices.texts", TextProperties.class);
	}

}
