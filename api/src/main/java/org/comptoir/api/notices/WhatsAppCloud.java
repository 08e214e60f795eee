package org.comptoir.api.notices;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WhatsApp through Meta's Cloud API ({@code POST /{version}/{phone-number-id}/messages}, a Bearer token): a
 * business may open a conversation only with an approved template, so the text goes as the one body
 * variable of the configured template, in the recipient's language; {@code messages[0].id} (a wamid) is the
 * message id, and the delivery's reference rides along as {@code biz_opaque_callback_data}, which status
 * webhooks echo. Refused for the number: 131026 (undeliverable: not on WhatsApp, terms not accepted, an old
 * app), 131030 (not in a test number's allowed list), 131009 (a parameter's value, in practice the phone).
 * Anything else may pass later: 130429 throughput, 131056 pair rate limit, 131048 spam rate limit,
 * 131000/131016 Meta's side, 190 an expired token, 132xxx the template's setup.
 */
final class WhatsAppCloud implements TextProvider {

	static final String NAME = "whatsapp";

	private static final Set<Integer> REFUSED = Set.of(131026, 131030, 131009);

	private final TextProperties.WhatsApp account;

	private final TextHttp http;

	WhatsAppCloud(TextProperties.WhatsApp account, TextProperties.Timeouts timeouts, JsonMapper mapper) {
		this.account = account;
		this.http = new TextHttp(NAME, account.baseUrl(), timeouts, mapper);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Channel channel() {
		return Channel.WHATSAPP;
	}

	@Override
	public Mono<String> send(TextMessage message) {
		Map<String, Object> template = new LinkedHashMap<>();
		template.put("name", account.template());
		template.put("language", Map.of("code", language(message.locale())));
		template.put("components", List.of(Map.of("type", "body",
				"parameters", List.of(Map.of("type", "text", "text", parameter(message.text()))))));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("messaging_product", "whatsapp");
		body.put("recipient_type", "individual");
		body.put("to", message.to());
		body.put("type", "template");
		body.put("template", template);
		if (message.reference() != null) {
			body.put("biz_opaque_callback_data", message.reference());
		}
		return http.exchange(http.client().post().uri("/{version}/{phone}/messages", account.version(), account.phoneNumberId())
				.headers(headers -> headers.setBearerAuth(account.token()))
				.accept(MediaType.APPLICATION_JSON)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(http.json(body)))
			.map(this::messageId);
	}

	/** The template's language code for the recipient's locale ({@code fr-SN}, {@code rw_RW}, {@code ar}). */
	String language(String locale) {
		String language = locale == null ? "" : Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
		return account.languages().getOrDefault(language, account.fallbackLanguage());
	}

	/** On one line: Meta refuses a text parameter with a line break, a tab or more than four spaces in a row. */
	static String parameter(String text) {
		return text.replaceAll("[\\t\\n\\r]+", " ").replaceAll(" {4,}", " ").strip();
	}

	private String messageId(TextHttp.Reply reply) {
		String id = reply.json().path("messages").path(0).path("id").asString("");
		if (reply.ok() && !id.isEmpty()) {
			return id;
		}
		JsonNode error = reply.json().path("error");
		int code = error.path("code").asInt(0);
		String why = error.path("message").asString("") + " " + error.path("error_data").path("details").asString("");
		throw REFUSED.contains(code) ? http.refused(reply, why.strip()) : http.notSent(reply, why.isBlank() ? "not sent" : why.strip());
	}

}
