package org.comptoir.api.notices;

import java.time.Duration;
import java.util.Map;

import org.comptoir.api.notices.TextProvider.TextMessage;
import org.comptoir.api.notices.TextProvider.TextRefused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter against a server that answers as the WhatsApp Cloud API (Meta's Graph API) does. */
class WhatsAppCloudTests {

	private static final String PATH = "/v23.0/109876543210987/messages";

	private static final TextMessage MESSAGE = new TextMessage("+221771234567",
			"Nouvelle demande de contact de Sahel Agro.\nhttps://senegal.comptoir.example/c/8f3a", "fr-SN", "delivery-42");

	private final FakeProvider provider = FakeProvider.start();

	private final WhatsAppCloud whatsapp = whatsapp(Map.of());

	@AfterEach
	void stop() {
		provider.close();
	}

	@Test
	void aTextGoesAsTheApprovedTemplatesBodyInTheRecipientsLanguageAndItsWamidIsReturned() {
		provider.answer("POST", PATH, 200, "whatsapp/sent.json");

		assertThat(whatsapp.send(MESSAGE).block()).isEqualTo("wamid.HBgMMjIxNzcxMjM0NTY3FQIAERgSQzVGOUQ0QjI3RTFBMjk4RDE0AA==");

		FakeProvider.Received request = provider.last();
		assertThat(request.path()).isEqualTo(PATH);
		assertThat(request.header("Authorization")).isEqualTo("Bearer EAAG-system-user-token");
		assertThat(request.header("Content-Type")).startsWith("application/json");
		JsonNode body = request.json();
		assertThat(body.path("messaging_product").asString()).isEqualTo("whatsapp");
		assertThat(body.path("to").asString()).isEqualTo("+221771234567");
		assertThat(body.path("type").asString()).isEqualTo("template");
		assertThat(body.path("biz_opaque_callback_data").asString()).isEqualTo("delivery-42");
		JsonNode template = body.path("template");
		assertThat(template.path("name").asString()).isEqualTo("comptoir_notice");
		assertThat(template.path("language").path("code").asString()).isEqualTo("fr");
		JsonNode component = template.path("components").path(0);
		assertThat(component.path("type").asString()).isEqualTo("body");
		assertThat(component.path("parameters").path(0).path("type").asString()).isEqualTo("text");
		// a parameter may not hold a line break
		assertThat(component.path("parameters").path(0).path("text").asString())
			.isEqualTo("Nouvelle demande de contact de Sahel Agro. https://senegal.comptoir.example/c/8f3a");
	}

	@Test
	void theTemplatesLanguageFollowsTheRecipientsWithMetasCodesAndTheFallbackForOthers() {
		assertThat(whatsapp.language("en")).isEqualTo("en");
		assertThat(whatsapp.language("ar_MA")).isEqualTo("ar");
		assertThat(whatsapp.language("rw")).isEqualTo("rw_RW");
		assertThat(whatsapp.language("wo")).isEqualTo("fr");
		assertThat(whatsapp.language(null)).isEqualTo("fr");
		assertThat(whatsapp(Map.of("en", "en_GB")).language("en-RW")).isEqualTo("en_GB");
	}

	@Test
	void aNumberNotOnWhatsAppOrNotAllowedIsRefused() {
		provider.answer("POST", PATH, 400, "whatsapp/undeliverable.json").answer("POST", PATH, 400, "whatsapp/not-allowed.json");

		assertThatThrownBy(() -> whatsapp.send(MESSAGE).block()).isInstanceOf(TextRefused.class).hasMessageContaining("131026");
		assertThatThrownBy(() -> whatsapp.send(MESSAGE).block()).isInstanceOf(TextRefused.class).hasMessageContaining("131030");
	}

	@Test
	void aRateLimitOrMetasOwnFailureMayPass() {
		// Meta answers a rate limit with a 400: the code says it, not the status
		provider.answer("POST", PATH, 400, "whatsapp/rate-limit.json").answer("POST", PATH, 500, "whatsapp/server-error.json");

		assertThatThrownBy(() -> whatsapp.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("130429");
		assertThatThrownBy(() -> whatsapp.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("131000");
	}

	private WhatsAppCloud whatsapp(Map<String, String> languages) {
		return new WhatsAppCloud(new TextProperties.WhatsApp("EAAG-system-user-token", "109876543210987", "comptoir_notice", languages, "fr",
				"v23.0", provider.baseUrl()), new TextProperties.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)),
				JsonMapper.builder().build());
	}

}
