package org.comptoir.api.notices;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which provider carries each channel's texts, and each provider's account. Nothing set: no SMS, no
 * WhatsApp. Only the providers named here are created ({@link TextProviders}).
 *
 * @param sms which SMS provider, by default and per country
 * @param whatsapp the WhatsApp Cloud API's sender, on when its phone-number-id is set
 * @param africastalking Africa's Talking's account
 * @param orange Orange's SMS API application
 * @param twilio Twilio's account
 * @param timeouts how long any provider is given
 */
@ConfigurationProperties("comptoir.notices.texts")
record TextProperties(@DefaultValue Sms sms, @DefaultValue WhatsApp whatsapp, @DefaultValue AfricasTalking africastalking,
		@DefaultValue Orange orange, @DefaultValue Twilio twilio, @DefaultValue Timeouts timeouts) {

	/** The name that turns a channel, or a country's SMS, off. */
	static final String NONE = "none";

	/**
	 * @param provider the SMS provider for a phone of any country not in countries: {@code africastalking},
	 * {@code orange}, {@code twilio} or {@code none}
	 * @param countries a provider by the phone's country (ISO 3166, e.g. {@code SN: orange}, {@code FR: twilio},
	 * {@code RW: africastalking}; {@code none} for no SMS there)
	 */
	record Sms(@DefaultValue(NONE) String provider, Map<String, String> countries) {

		Sms {
			provider = provider == null || provider.isBlank() ? NONE : provider.strip().toLowerCase(Locale.ROOT);
			Map<String, String> normalized = new LinkedHashMap<>();
			if (countries != null) {
				countries.forEach((country, name) -> normalized.put(country.strip().toUpperCase(Locale.ROOT),
						name == null || name.isBlank() ? NONE : name.strip().toLowerCase(Locale.ROOT)));
			}
			countries = Map.copyOf(normalized);
		}

	}

	/**
	 * Business-initiated WhatsApp messages must be approved templates: this one has one body variable, {{1}},
	 * which gets the whole text, approved in each language it is sent in.
	 *
	 * @param token a system user's access token with whatsapp_business_messaging
	 * @param phoneNumberId the sending number's id in the Graph API (not the number)
	 * @param template the approved template's name
	 * @param languages the template's language code by the recipient's language, over the defaults
	 * (fr, en, ar, and rw as Meta names Kinyarwanda, rw_RW)
	 * @param fallbackLanguage the template's language for any other
	 * @param version the Graph API version
	 */
	record WhatsApp(String token, String phoneNumberId, @DefaultValue("comptoir_notice") String template,
			Map<String, String> languages, @DefaultValue("fr") String fallbackLanguage, @DefaultValue("v23.0") String version,
			@DefaultValue("https://graph.facebook.com") String baseUrl) {

		static final Map<String, String> DEFAULT_LANGUAGES = Map.of("fr", "fr", "en", "en", "ar", "ar", "rw", "rw_RW");

		WhatsApp {
			Map<String, String> merged = new LinkedHashMap<>(DEFAULT_LANGUAGES);
			if (languages != null) {
				languages.forEach((language, code) -> merged.put(language.strip().toLowerCase(Locale.ROOT), code.strip()));
			}
			languages = Map.copyOf(merged);
		}

		boolean configured() {
			return phoneNumberId != null && !phoneNumberId.isBlank();
		}

	}

	/**
	 * @param username the app's username ({@code sandbox} in the sandbox)
	 * @param apiKey the app's API key
	 * @param from a registered sender ID or short code; the account's default when not set
	 * @param baseUrl {@code https://api.sandbox.africastalking.com} for the sandbox
	 */
	record AfricasTalking(String username, String apiKey, String from,
			@DefaultValue("https://api.africastalking.com") String baseUrl) {
	}

	/**
	 * @param clientId the application's client id (its Authorization header is Basic of id:secret)
	 * @param clientSecret the application's client secret
	 * @param sender the number texts are sent from, with its country code (e.g. {@code 2210000} for Senegal)
	 * @param senderName a sender name Orange registered for the application, else the default one shows
	 */
	record Orange(String clientId, String clientSecret, String sender, String senderName,
			@DefaultValue("https://api.orange.com") String baseUrl) {
	}

	/**
	 * @param accountSid the account ({@code AC...}), also the Basic user
	 * @param authToken the account's auth token
	 * @param from the sending number (E.164) or alphanumeric sender ID
	 * @param messagingServiceSid a messaging service ({@code MG...}) to send from instead of from
	 */
	record Twilio(String accountSid, String authToken, String from, String messagingServiceSid,
			@DefaultValue("https://api.twilio.com") String baseUrl) {
	}

	/**
	 * @param connect to open a connection to a provider
	 * @param response for a provider's answer to begin (its whole body: twice that)
	 */
	record Timeouts(@DefaultValue("5s") Duration connect, @DefaultValue("15s") Duration response) {
	}

}
