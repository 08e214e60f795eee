package org.comptoir.api.notices;

import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through Twilio's Messages resource ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, Basic
 * sid:token, form-encoded To, From or MessagingServiceSid, Body); the message's {@code sid} is its id. The
 * number's own refusals are 21211 (invalid 'To'), 21610 (the recipient replied STOP) and 21614 (not a
 * mobile); anything else (20429 or HTTP 429, 5xx, 20003 credentials, 21408 a region not enabled) may pass.
 */
final class TwilioSms implements TextProvider {

	static final String NAME = "twilio";

	private static final Set<Integer> REFUSED = Set.of(21211, 21610, 21614);

	private final TextProperties.Twilio account;

	private final TextHttp http;

	TwilioSms(TextProperties.Twilio account, TextProperties.Timeouts timeouts, JsonMapper mapper) {
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
		form.add("To", message.to());
		if (account.messagingServiceSid() != null && !account.messagingServiceSid().isBlank()) {
			form.add("MessagingServiceSid", account.messagingServiceSid());
		}
		else {
			form.add("From", account.from());
		}
		form.add("Body", message.text());
		return http.exchange(http.client().post().uri("/2010-04-01/Accounts/{sid}/Messages.json", account.accountSid())
				.headers(headers -> headers.setBasicAuth(account.accountSid(), account.authToken()))
				.accept(MediaType.APPLICATION_JSON)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(BodyInserters.fromFormData(form)))
			.map(this::sid);
	}

	private String sid(TextHttp.Reply reply) {
		String sid = reply.json().path("sid").asString("");
		if (reply.ok() && !sid.isEmpty()) {
			return sid;
		}
		int code = reply.json().path("code").asInt(0);
		String why = code + " " + reply.json().path("message").asString("");
		throw REFUSED.contains(code) ? http.refused(reply, why) : http.notSent(reply, why);
	}

}
