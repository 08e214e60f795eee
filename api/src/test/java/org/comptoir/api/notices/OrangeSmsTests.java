package org.comptoir.api.notices;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import org.comptoir.api.notices.TextProvider.TextMessage;
import org.comptoir.api.notices.TextProvider.TextRefused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter against a server that answers as Orange's OAuth and SMS APIs do. */
class OrangeSmsTests {

	private static final String TOKEN = "/oauth/v3/token";

	/** The sender in the path, encoded whole as Orange documents it. */
	private static final String SEND = "/smsmessaging/v1/outbound/tel%3A%2B2210000/requests";

	private static final String FIRST = "eyJ2ZXIiOiIxLjAiLCJ0eXAiOiJKV1QiLCJhbGciOiJFUzM4NCJ9.first";

	private static final String SECOND = "eyJ2ZXIiOiIxLjAiLCJ0eXAiOiJKV1QiLCJhbGciOiJFUzM4NCJ9.second";

	private static final TextMessage MESSAGE = new TextMessage("+221771234567",
			"Nouvelle demande de contact de Sahel Agro. https://senegal.comptoir.example/c/8f3a", "fr", "d-3");

	private final FakeProvider provider = FakeProvider.start();

	private final MovableClock clock = new MovableClock();

	private final OrangeSms sms = new OrangeSms(new TextProperties.Orange("client-id-1", "client-secret-1", "+2210000", "Comptoir",
			provider.baseUrl()), new TextProperties.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)), JsonMapper.builder().build(), clock);

	@AfterEach
	void stop() {
		provider.close();
	}

	@Test
	void aTokenIsFetchedWithTheApplicationsCredentialsThenTheTextPostedAndItsResourceUrlReturned() {
		provider.answer("POST", TOKEN, 200, "orange/token.json").answer("POST", SEND, 201, "orange/sent.json");

		assertThat(sms.send(MESSAGE).block()).isEqualTo(
				"https://api.orange.com/smsmessaging/v1/outbound/tel:+2210000/requests/3a5f0b7c-1d2e-4f60-9a8b-7c6d5e4f3a21");

		FakeProvider.Received token = provider.received(TOKEN).get(0);
		assertThat(token.header("Authorization"))
			.isEqualTo("Basic " + Base64.getEncoder().encodeToString("client-id-1:client-secret-1".getBytes(StandardCharsets.UTF_8)));
		assertThat(token.header("Accept")).isEqualTo("application/json");
		assertThat(token.form()).containsExactly(Map.entry("grant_type", "client_credentials"));
		FakeProvider.Received send = provider.received(SEND).get(0);
		assertThat(send.header("Authorization")).isEqualTo("Bearer " + FIRST);
		assertThat(send.header("Content-Type")).startsWith("application/json");
		JsonNode request = send.json().path("outboundSMSMessageRequest");
		assertThat(request.path("address").asString()).isEqualTo("tel:+221771234567");
		assertThat(request.path("senderAddress").asString()).isEqualTo("tel:+2210000");
		assertThat(request.path("senderName").asString()).isEqualTo("Comptoir");
		assertThat(request.path("outboundSMSTextMessage").path("message").asString()).isEqualTo(MESSAGE.text());
	}

	@Test
	void theTokenIsFetchedOnceAndReusedUntilItExpires() {
		provider.answer("POST", TOKEN, 200, "orange/token.json").answer("POST", TOKEN, 200, "orange/token-renewed.json")
			.answer("POST", SEND, 201, "orange/sent.json");

		sms.send(MESSAGE).block();
		sms.send(MESSAGE).block();
		clock.move(Duration.ofMinutes(58));
		sms.send(MESSAGE).block();
		assertThat(provider.received(TOKEN)).hasSize(1);

		// 3600 s, let go a minute early
		clock.move(Duration.ofMinutes(1));
		sms.send(MESSAGE).block();
		assertThat(provider.received(TOKEN)).hasSize(2);
		assertThat(provider.received(SEND)).extracting(request -> request.header("Authorization"))
			.containsExactly("Bearer " + FIRST, "Bearer " + FIRST, "Bearer " + FIRST, "Bearer " + SECOND);
	}

	@Test
	void aTokenRefusedBeforeItsTimeIsFetchedAgainOnceAndTheTextSentWithTheNewOne() {
		provider.answer("POST", TOKEN, 200, "orange/token.json").answer("POST", TOKEN, 200, "orange/token-renewed.json")
			.answer("POST", SEND, 401, "orange/expired-token.json").answer("POST", SEND, 201, "orange/sent.json");

		assertThat(sms.send(MESSAGE).block()).endsWith("/requests/3a5f0b7c-1d2e-4f60-9a8b-7c6d5e4f3a21");
		sms.send(MESSAGE).block();

		assertThat(provider.received(TOKEN)).hasSize(2);
		assertThat(provider.received(SEND)).extracting(request -> request.header("Authorization"))
			.containsExactly("Bearer " + FIRST, "Bearer " + SECOND, "Bearer " + SECOND);
	}

	@Test
	void aTokenRefusedTwiceMayPassWithoutAThirdTry() {
		provider.answer("POST", TOKEN, 200, "orange/token.json").answer("POST", SEND, 401, "orange/expired-token.json");

		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("401");
		assertThat(provider.received(SEND)).hasSize(2);
	}

	@Test
	void anInvalidAddressIsRefusedAnInvalidMessageIsNot() {
		provider.answer("POST", TOKEN, 200, "orange/token.json")
			.answer("POST", SEND, 400, "orange/invalid-address.json").answer("POST", SEND, 400, "orange/invalid-message.json");

		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextRefused.class).hasMessageContaining("SVC0002");
		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("SVC0002");
	}

	@Test
	void noCreditLeftOrTheServiceDownMayPass() {
		provider.answer("POST", TOKEN, 200, "orange/token.json")
			.answer("POST", SEND, 403, "orange/no-credit.json").answer("POST", SEND, 503, "orange/unavailable.json");

		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("403");
		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("503");
	}

	@Test
	void aFailedTokenFetchIsNotKept() {
		provider.answer("POST", TOKEN, 503, "orange/unavailable.json").answer("POST", TOKEN, 200, "orange/token.json")
			.answer("POST", SEND, 201, "orange/sent.json");

		assertThatThrownBy(() -> sms.send(MESSAGE).block()).isInstanceOf(TextNotSent.class).hasMessageContaining("no token");
		assertThat(sms.send(MESSAGE).block()).endsWith("/requests/3a5f0b7c-1d2e-4f60-9a8b-7c6d5e4f3a21");
		assertThat(provider.received(TOKEN)).hasSize(2);
	}

	/** A clock the test moves on. */
	private static final class MovableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

		void move(Duration by) {
			now = now.plus(by);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
