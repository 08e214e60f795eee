package org.comptoir.portal.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Prices, quantities, dates, countries and languages as a reader of the page's language writes them: the
 * currency's own digits ({@code 1 500 F CFA}, {@code 12,50 €}), the chamber's country in the locale.
 */
@Component
public class Formats {

	/** The formats of one page's locale, as its templates call them ({@code ${fmt.money(price)}}). */
	public Bound bind(Locale locale) {
		return new Bound(locale == null ? Locale.FRENCH : locale);
	}

	public record Bound(Locale locale) {

		public String language() {
			return locale.getLanguage();
		}

		/** Right to left for Arabic. */
		public String dir() {
			return "ar".equals(locale.getLanguage()) ? "rtl" : "ltr";
		}

		public String money(Map<String, Object> money) {
			if (money == null) {
				return null;
			}
			Currency currency = Currency.getInstance((String) money.get("currency"));
			NumberFormat format = NumberFormat.getCurrencyInstance(locale);
			format.setCurrency(currency);
			format.setMaximumFractionDigits(Math.max(currency.getDefaultFractionDigits(), 0));
			format.setMinimumFractionDigits(Math.max(currency.getDefaultFractionDigits(), 0));
			return format.format(new BigDecimal(money.get("amount").toString()));
		}

		public String quantity(Map<String, Object> quantity) {
			if (quantity == null) {
				return null;
			}
			return NumberFormat.getNumberInstance(locale).format(new BigDecimal(quantity.get("value").toString())) + " "
					+ quantity.get("unit");
		}

		public String number(Object value) {
			return value == null ? "" : NumberFormat.getIntegerInstance(locale).format(value);
		}

		public String date(String iso) {
			if (iso == null) {
				return null;
			}
			return OffsetDateTime.parse(iso).format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale));
		}

		public String dateTime(String iso) {
			if (iso == null) {
				return null;
			}
			return OffsetDateTime.parse(iso)
				.format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale));
		}

		public String country(String code) {
			if (code == null) {
				return null;
			}
			try {
				String name = new Locale.Builder().setRegion(code).build().getDisplayCountry(locale);
				return name.isEmpty() ? code : name;
			}
			catch (java.util.IllformedLocaleException ex) {
				return code;
			}
		}

		/** A language's own name, as a language picker shows it ({@code français}, {@code العربية}, {@code Ikinyarwanda}). */
		public String languageName(String language) {
			Locale self = Locale.forLanguageTag(language);
			String name = self.getDisplayLanguage(self);
			if (name.equals(language) || name.isEmpty()) {
				return "rw".equals(language) ? "Ikinyarwanda" : language;
			}
			return Character.toUpperCase(name.charAt(0)) + name.substring(1);
		}

	}

}
