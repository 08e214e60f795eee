package org.comptoir.api.notices;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The providers configured ({@code comptoir.notices.texts}), and which one carries a text: for SMS the
 * phone's country's, else the default; for WhatsApp the Cloud API. Only the providers named are created,
 * each checked for its account at start (a missing key fails the start, not the first text).
 */
@Component
class TextProviders {

	private static final Logger log = LoggerFactory.getLogger(TextProviders.class);

	private final Map<String, TextProvider> sms;

	private final String smsDefault;

	private final Map<String, String> countries;

	private final TextProvider whatsapp;

	TextProviders(TextProperties properties, JsonMapper mapper) {
		this.smsDefault = properties.sms().provider();
		this.countries = properties.sms().countries();
		Set<String> named = new LinkedHashSet<>();
		named.add(smsDefault);
		named.addAll(countries.values());
		named.remove(TextProperties.NONE);
		Map<String, TextProvider> created = new LinkedHashMap<>();
		for (String name : named) {
			created.put(name, sms(name, properties, mapper));
		}
		this.sms = Map.copyOf(created);
		this.whatsapp = properties.whatsapp().configured() ? whatsapp(properties, mapper) : null;
		if (!sms.isEmpty() || whatsapp != null) {
			log.info("Texts: SMS by {} (countries {}), WhatsApp {}", smsDefault, countries,
					whatsapp == null ? "off" : "on, template " + properties.whatsapp().template());
		}
	}

	/**
	 * The provider that carries a text to that phone on that channel, none when the channel is off (or, for
	 * SMS, off in the phone's country).
	 *
	 * @param e164 the phone, E.164 ({@link PhoneNumbers#e164})
	 */
	Optional<TextProvider> forPhone(Channel channel, String e164) {
		return switch (channel) {
			case SMS -> Optional.ofNullable(sms.get(countries.getOrDefault(PhoneNumbers.region(e164), smsDefault)));
			case WHATSAPP -> Optional.ofNullable(whatsapp);
			case EMAIL -> Optional.empty();
		};
	}

	/** Whether the channel has a provider at all (SMS: by default, or for some country). */
	boolean available(Channel channel) {
		return switch (channel) {
			case SMS -> !sms.isEmpty();
			case WHATSAPP -> whatsapp != null;
			case EMAIL -> false;
		};
	}

	private static TextProvider sms(String name, TextProperties properties, JsonMapper mapper) {
		String prefix = "comptoir.notices.texts." + name + ".";
		switch (name) {
			case AfricasTalkingSms.NAME -> {
				TextProperties.AfricasTalking account = properties.africastalking();
				required(prefix + "username", account::username);
				required(prefix + "api-key", account::apiKey);
				return new AfricasTalkingSms(account, properties.timeouts(), mapper);
			}
			case OrangeSms.NAME -> {
				TextProperties.Orange application = properties.orange();
				required(prefix + "client-id", application::clientId);
				required(prefix + "client-secret", application::clientSecret);
				required(prefix + "sender", application::sender);
				return new OrangeSms(application, properties.timeouts(), mapper);
			}
			case TwilioSms.NAME -> {
				TextProperties.Twilio account = properties.twilio();
				required(prefix + "account-sid", account::accountSid);
				required(prefix + "auth-token", account::authToken);
				required(prefix + "from (or messaging-service-sid)",
						() -> account.messagingServiceSid() != null && !account.messagingServiceSid().isBlank()
								? account.messagingServiceSid() : account.from());
				return new TwilioSms(account, properties.timeouts(), mapper);
			}
			default -> throw new IllegalStateException("comptoir.notices.texts.sms names an SMS provider \"" + name
					+ "\": there are africastalking, orange, twilio (and none)");
		}
	}

	private static TextProvider whatsapp(TextProperties properties, JsonMapper mapper) {
		TextProperties.WhatsApp account = properties.whatsapp();
		required("comptoir.notices.texts.whatsapp.token", account::token);
		required("comptoir.notices.texts.whatsapp.template", account::template);
		return new WhatsAppCloud(account, properties.timeouts(), mapper);
	}

	private static void required(String property, Supplier<String> value) {
		String given = value.get();
		if (given == null || given.isBlank()) {
			throw new IllegalStateException(property + " is not set, and texts are configured to go through that provider");
		}
	}

}
