package org.comptoir.portal.chamber;

import java.util.List;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The language a page is written in: one the chamber offers, chosen by {@code ?lang=}, else the remembered
 * choice, else the browser's preferences, else the chamber's default. The locale carries the chamber's country
 * ({@code fr-SN}), so numbers and prices read as they do there. The network's page, with no chamber, offers
 * French and English.
 */
public class ChamberLocales implements LocaleContextResolver {

	private static final List<String> NETWORK = List.of("fr", "en");

	@Override
	public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
		Chamber chamber = exchange.getAttribute(Chamber.ATTRIBUTE);
		List<String> offered = chamber == null ? NETWORK : chamber.locales();
		String language = choose(exchange, offered, chamber == null ? "fr" : chamber.defaultLocale());
		return new SimpleLocaleContext(chamber == null ? Locale.forLanguageTag(language) : chamber.locale(language));
	}

	static String choose(ServerWebExchange exchange, List<String> offered, String fallback) {
		String asked = exchange.getRequest().getQueryParams().getFirst("lang");
		if (asked != null && offered.contains(asked)) {
			return asked;
		}
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(ChamberFilter.LANGUAGE_COOKIE);
		if (cookie != null && offered.contains(cookie.getValue())) {
			return cookie.getValue();
		}
		try {
			List<Locale.LanguageRange> ranges = exchange.getRequest().getHeaders().getAcceptLanguage();
			String preferred = Locale.lookupTag(ranges, offered);
			if (preferred != null) {
				return preferred;
			}
		}
		catch (IllegalArgumentException ex) {
			// an Accept-Language that does not parse: the chamber's default
		}
		return offered.contains(fallback) ? fallback : offered.get(0);
	}

	@Override
	public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
		throw new UnsupportedOperationException("The language is chosen with ?lang=");
	}

}
