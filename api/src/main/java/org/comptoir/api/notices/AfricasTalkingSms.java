package org.comptoir.api.notices;

import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through Africa's Talking's messaging API ({@code POST /version1/messaging}, form-encoded, the app's
 * {@code apiKey} header). Its answer has a status per recipient: 100 Processed, 101 Sent and 102 Queued are
 * taken; 403 InvalidPhoneNumber, 404 UnsupportedNumberType, 406 UserInBlacklist and 409 DoNotDisturbRejection
 * are the number's; any other (401 RiskHold, 402 InvalidSenderId, 405 InsufficientBalance, 407 CouldNotRoute,
 * 5xx) and any HTTP error may pass.
 */
final class AfricasTalkingSms implements TextProvider {

	static final String NAME = "africastalking";

	private static final Set<Integer> TAKEN = Set.of(100, 101, 102);

	private static final Set<Integer> REFUSED = Set.of(403, 404, 406, 409);

	private final TextProperties.AfricasTalking account;

	private final TextHttp http;

	AfricasTalkingSms(TextProperties.AfricasTalking account, TextProperties.Timeouts timeouts, JsonMapper mapper) {
		this.account = account;
		this.http = new TextHttp(NAME, account.baseUrl(), timeouts, mapper);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public Mono<String> send(TextMessage message) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", account.username());
		form.add("to", message.to());
		form.add("message", message.text());
		if (account.from() != null && !account.from().isBlank()) {
			form.add("from", account.from());
		}
		return http.exchange(http.client().post().uri("/version1/messaging")
				.header("apiKey", account.apiKey())
				.accept(MediaType.APPLICATION_JSON)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(BodyInserters.fromFormData(form)))
			.map(this::messageId);
	}

	private String messageId(TextHttp.Reply reply) {
		if (!reply.ok()) {
			throw http.notSent(reply, "not sent");
		}
		JsonNode data = reply.json().path("SMSMessageData");
		JsonNode recipient = data.path("Recipients").path(0);
		if (recipient.isMissingNode()) {
			// no recipient taken at all: the reason is the whole request's (e.g. "InvalidSenderId")
			throw http.notSent(reply, data.path("Message").asString("no recipient"));
		}
		int status = recipient.path("statusCode").asInt(0);
		String why = status + " " + recipient.path("status").asString("");
		if (TAKEN.contains(status)) {
			return recipient.path("messageId").asString();
		}
		throw REFUSED.contains(status) ? http.refused(reply, why) : http.notSent(reply, why);
	}

}
