package org.comptoir.local;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The local run's text provider, as the API's adapters meet it, without a Spring context (and so without Keycloak). */
class LocalTextsTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper mapper = JsonMapper.builder().build();

	private LocalTexts texts;

	@BeforeEach
	void start() {
		texts = LocalTexts.start(0);
	}

	@AfterEach
	void stop() {
		texts.stop();
	}

	@Test
	void anSmsIsTakenAsAfricasTalkingTakesItAndListed() throws Exception {
		HttpResponse<String> response = post("/version1/messaging", "application/x-www-form-urlencoded", "apiKey", "local",
				"username=local&to=" + encode("+221771234567") + "&message=" + encode("Demande reçue de Café Touba https://s.example/c/1"));

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode recipient = mapper.readTree(response.body()).path("SMSMessageData").path("Recipients").path(0);
		assertThat(recipient.path("statusCode").asInt()).isEqualTo(101);
		assertThat(texts.received(null)).singleElement().satisfies(text -> {
			assertThat(text.channel()).isEqualTo("SMS");
			assertThat(text.to()).isEqualTo("+221771234567");
			assertThat(text.text()).isEqualTo("Demande reçue de Café Touba https://s.example/c/1");
			assertThat(text.id()).isEqualTo(recipient.path("messageId").asString());
		});
	}

	@Test
	void aWhatsAppTemplateIsTakenAsTheCloudApiTakesItAndListedWithItsLanguageAndReference() throws Exception {
		HttpResponse<String> response = post("/v23.0/local/messages", "application/json", "Authorization", "Bearer local", """
				{"messaging_product":"whatsapp","recipient_type":"individual","to":"+250788123456","type":"template",
				 "template":{"name":"comptoir_notice","language":{"code":"rw_RW"},
				   "components":[{"type":"body","parameters":[{"type":"text","text":"Ubutumwa bushya https://r.example/c/2"}]}]},
				 "biz_opaque_callback_data":"delivery-7"}""");

		assertThat(response.statusCode()).isEqualTo(200);
		String id = mapper.readTree(response.body()).path("messages").path(0).path("id").asString();
		assertThat(texts.received("+250788123456")).singleElement().satisfies(text -> {
			assertThat(text.channel()).isEqualTo("WHATSAPP");
			assertThat(text.text()).isEqualTo("Ubutumwa bushya https://r.example/c/2");
			assertThat(text.locale()).isEqualTo("rw_RW");
			assertThat(text.reference()).isEqualTo("delivery-7");
			assertThat(text.id()).isEqualTo(id);
		});
	}

	@Test
	void wrongCredentialsAreAnsweredAsTheProvidersAnswerThem() throws Exception {
		assertThat(post("/version1/messaging", "application/x-www-form-urlencoded", "apiKey", "other", "username=local&to=%2B1&message=x")
			.statusCode()).isEqualTo(401);
		HttpResponse<String> whatsapp = post("/v23.0/local/messages", "application/json", "Authorization", "Bearer other", "{}");
		assertThat(whatsapp.statusCode()).isEqualTo(401);
		assertThat(mapper.readTree(whatsapp.body()).path("error").path("code").asInt()).isEqualTo(190);
		assertThat(texts.received(null)).isEmpty();
	}

	@Test
	void theNewestComeFirstAPhonesOwnOnRequestAndClearForgetsThem() throws Exception {
		for (String to : new String[] { "+221771234567", "+33612345678", "+221771234567" }) {
			post("/version1/messaging", "application/x-www-form-urlencoded", "apiKey", "local",
					"username=local&to=" + encode(to) + "&message=" + encode("to " + to + " #" + texts.received(null).size()));
		}

		assertThat(texts.received(null)).extracting(SentText::text)
			.containsExactly("to +221771234567 #2", "to +33612345678 #1", "to +221771234567 #0");
		// a query's + often arrives as a space
		assertThat(texts.received(" 33612345678")).hasSize(1);
		texts.clear();
		assertThat(texts.received(null)).isEmpty();
	}

	@Test
	void theApiIsPointedAtItThroughTheRealAdapters() {
		assertThat(texts.properties()).containsEntry("comptoir.notices.texts.sms.provider", "africastalking")
			.containsEntry("comptoir.notices.texts.africastalking.base-url", texts.baseUrl())
			.containsEntry("comptoir.notices.texts.whatsapp.base-url", texts.baseUrl())
			.containsEntry("comptoir.notices.texts.whatsapp.phone-number-id", LocalTexts.KEY);
	}

	private HttpResponse<String> post(String path, String type, String header, String value, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(texts.baseUrl() + path)).header("Content-Type", type).header(header, value)
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
