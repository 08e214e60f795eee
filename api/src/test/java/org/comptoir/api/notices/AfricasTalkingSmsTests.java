package org.comptoir.api.notices;

import java.time.Duration;
import java.util.Map;

import org.comptoir.api.notices.TextProvider.TextMessage;
import org.comptoir.api.notices.TextProvider.TextRefused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter against a server that answers as Africa's Talking's messaging API does. */
class AfricasTalkingSmsTests {

	private static final String PATH = "/version1/messaging";

	private static final TextMessage MESSAGE = new TextMessage("+250788123456",
			"Isoko rishya: Café du Rwanda yabasabye. https://rwanda.comptoir.example/c/7", "rw", "d-1");

	private final FakeProvider provider = FakeProvider.start();

	private final AfricasTalkingSms sms = sms(Duration.ofSeconds(5));

	@AfterEach
	void stop() {
		provider.close();
	}

	@Test
	void aTextIsPostedAsTheFormAfricasTalkingReadsAndItsMessageIdReturned() {
		provider.answer("POST", PATH, 201, "africastalking/sent.json");

		assertThat(sms.send(MESSAGE).block()).isEqualTo("ATXid_8a61c0c3f2e54d4b9b1a2f4e6c7d8e90");

		FakeProvider.Received request = provider.last();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("apiKey")).isEqualTo("atsk_0123456789abcdef");
		assertThat(request.header("Accept")).isEqualTo("application/json");
		assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.form()).containsExactly(Map.entry("username", "comptoir"),
				Map.entry("to", "+250788123456"), Map.entry("message", MESSAGE.text()),
				Map.entry("from", "COMPTOIR"));
	}

	@Test
	void anInvalidOrBlacklistedNumberIsRefused() {
		provider.answer("POST", PATH, 201, "africastalking/invalid-number.json").answer("POST", PATH, 201, "africastalking/blacklisted.json");

		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextRefused.class).hasMessageContaining("403 InvalidPhoneNumber");
		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextRefused.class).hasMessageContaining("406 UserInBlacklist");
	}

	@Test
	void aLowBalanceABadSenderBadCredentialsOrAServerErrorMayPass() {
		provider.answer("POST", PATH, 201, "africastalking/insufficient-balance.json")
			.answer("POST", PATH, 201, "africastalking/invalid-sender.json")
			.answer("POST", PATH, 401, "africastalking/unauthorized.txt")
			.answer("POST", PATH, 500, "africastalking/server-error.txt");

		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("405 InsufficientBalance");
		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("InvalidSenderId");
		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("401");
		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("500");
	}

	@Test
	void aProviderTooSlowToAnswerMayPass() {
		provider.answer("POST", PATH, 201, "africastalking/sent.json", Duration.ofSeconds(2));

		assertThatThrownBy(() -> sms(Duration.ofMillis(300)).send(MESSAGE).block()).isInstanceOf(TextNotSent.class)
			.hasMessageContaining("did not answer");
	}

	@Test
	void aProviderNotListeningMayPass() {
		provider.close();

		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("did not answer");
	}

	private AfricasTalkingSms sms(Duration timeout) {
		return new AfricasTalkingSms(new TextProperties.AfricasTalking("comptoir", "atsk_0123456789abcdef", "COMPTOIR", provider.baseUrl()),
				new TextProperties.Timeouts(timeout, timeout), JsonMapper.builder().build());
	}

}
