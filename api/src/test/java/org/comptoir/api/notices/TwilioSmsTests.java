package org.comptoir.api.notices;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.comptoir.api.notices.TextProvider.TextMessage;
import org.comptoir.api.notices.TextProvider.TextRefused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter against a server that answers as Twilio's Messages resource does. */
class TwilioSmsTests {

	private static final String SID = "AC3f2d8e6b1a9c4e7f0b5d2a8c6e4f1b9d";

	private static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";

	private static final TextMessage MESSAGE = new TextMessage("+33612345678",
			"Votre annonce expire dans 3 jours. https://france.comptoir.example/l/42", "fr", "d-2");

	private final FakeProvider provider = FakeProvider.start();

	@AfterEach
	void stop() {
		provider.close();
	}

	@Test
	void aTextIsPostedToTheAccountsMessagesWithBasicAuthAndItsSidReturned() {
		provider.answer("POST", PATH, 201, "twilio/sent.json");

		assertThat(twilio("+33757000111", null).send(MESSAGE).block()).isEqualTo("SM6b0e5c1d2f3a4b5c6d7e8f9a0b1c2d3e");

		FakeProvider.Received request = provider.last();
		assertThat(request.path()).isEqualTo(PATH);
		assertThat(request.header("Authorization"))
			.isEqualTo("Basic " + Base64.getEncoder().encodeToString((SID + ":auth-token-0123").getBytes(StandardCharsets.UTF_8)));
		assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.form()).containsExactly(Map.entry("To", "+33612345678"), Map.entry("From", "+33757000111"),
				Map.entry("Body", MESSAGE.text()));
	}

	@Test
	void aMessagingServiceSendsInsteadOfANumberWhenConfigured() {
		provider.answer("POST", PATH, 201, "twilio/sent.json");

		twilio("+33757000111", "MG9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d").send(MESSAGE).block();

		assertThat(provider.last().form()).containsEntry("MessagingServiceSid", "MG9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d").doesNotContainKey("From");
	}

	@Test
	void anInvalidOrUnsubscribedNumberIsRefused() {
		provider.answer("POST", PATH, 400, "twilio/invalid-to.json").answer("POST", PATH, 400, "twilio/unsubscribed.json");
		TwilioSms sms = twilio("+33757000111", null);

		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextRefused.class).hasMessageContaining("21211");
		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextRefused.class).hasMessageContaining("21610");
	}

	@Test
	void aRateLimitOrAServerErrorMayPass() {
		provider.answer("POST", PATH, 429, "twilio/too-many-requests.json").answer("POST", PATH, 500, "twilio/unavailable.json");
		TwilioSms sms = twilio("+33757000111", null);

		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("429");
		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("500");
	}

	private TwilioSms twilio(String from, String messagingService) {
		return new TwilioSms(new TextProperties.Twilio(SID, "auth-token-0123", from, messagingService, provider.baseUrl()),
				new TextProperties.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)), JsonMapper.builder().build());
	}

}
