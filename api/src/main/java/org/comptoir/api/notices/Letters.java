package org.comptoir.api.notices;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.comptoir.api.tenant.Tenant;
import org.springframework.web.util.HtmlUtils;

/**
 * The words of notices, in the recipient's language (fr, en, ar right to left, rw; else fr), with the
 * chamber's branding. The words are in {@code notices/letters_<lang>.properties}; the layout is here.
 */
final class Letters {

	/** The chamber a letter comes from: its name, colour and logo (an absolute URL, or null). */
	record Sender(String displayName, String primaryColor, String logoUrl) {

		static Sender of(Tenant.Branding branding) {
			return new Sender(branding.displayName(), branding.primaryColor(), branding.logoUrl());
		}
	}

	/** The languages notices are written in; the first is the one for any other. */
	private enum Language {

		FR, EN, AR, RW;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

		boolean rightToLeft() {
			return this == AR;
		}

		/** Whether its text messages go as GSM-7 (160 characters a message) rather than UCS-2 (70). */
		boolean gsm7() {
			return this != AR;
		}

		ResourceBundle words() {
			return ResourceBundle.getBundle("notices.letters", Locale.forLanguageTag(tag()));
		}

		static Language of(String locale) {
			// some clients send fr_SN, Java's way, rather than fr-SN
			String language = locale == null ? "" : Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
			return Arrays.stream(values()).filter(known -> known.tag().equals(language)).findFirst().orElse(FR);
		}

	}

	/** The params that are someone's words (cut at 200 characters); the others are names and titles (120). */
	private static final Set<String> EXCERPTS = Set.of("message", "response", "reason");

	private static final int NAME_MAX = 120;

	private static final int EXCERPT_MAX = 200;

	private static final int SMS_NAME_MAX = 40;

	private static final int SMS_EXCERPT_MIN = 20;

	private static final int SMS_NAME_MIN = 8;

	private static final Pattern PART = Pattern.compile("\\[([^\\[\\]]*)]|\\{(\\w+)}");

	private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");

	private static final Pattern TRAILING = Pattern.compile("[\\s.,;:!?]+$");

	private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");

	private static final String DEFAULT_COLOR = "#1F4E79";

	/** Typographic signs GSM-7 lacks, and what a text message says instead. */
	private static final Map<Integer, String> GSM7_PLAIN = Map.ofEntries(Map.entry((int) '‘', "'"),
			Map.entry((int) '’', "'"), Map.entry((int) '“', "\""), Map.entry((int) '”', "\""),
			Map.entry((int) '«', "\""), Map.entry((int) '»', "\""), Map.entry((int) '–', "-"),
			Map.entry((int) '—', "-"), Map.entry((int) '…', "..."), Map.entry((int) 'œ', "oe"),
			Map.entry((int) 'Œ', "OE"), Map.entry((int) '\u00A0', " "), Map.entry((int) '\u202F', " "));

	// Gmail drops <html>: the wrapper carries lang and dir too
	private static final String PAGE = """
			<!DOCTYPE html>
			<html lang="{lang}" dir="{dir}">
			<head>
			<meta charset="utf-8">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<title>{title}</title>
			</head>
			<body style="margin:0;padding:16px 0;background:#F3F4F6">
			<div lang="{lang}" dir="{dir}" style="max-width:560px;margin:0 auto;background:#FFFFFF;font-family:Arial,Helvetica,sans-serif;color:#1F2937">
			<div style="background:{color};color:{ink};padding:16px 24px;font-size:18px;font-weight:bold">{logo}{chamber}</div>
			<div style="padding:24px;font-size:16px;line-height:1.5">
			{paragraphs}
			<p style="margin:24px 0 8px"><a href="{link}" style="display:inline-block;background:{color};color:{ink};padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">{action}</a></p>
			</div>
			<div style="padding:16px 24px;border-top:1px solid #E5E7EB;font-size:12px;line-height:1.5;color:#6B7280">
			<p style="margin:0 0 4px">{footer}</p>
			<p style="margin:0"><a href="{unsubscribe}" style="color:#6B7280">{unsubscribeLabel}</a></p>
			</div>
			</div>
			</body>
			</html>
			""";

	private Letters() {
	}

	/**
	 * @param link the portal page the notice is about (absolute)
	 * @param unsubscribe the one-click unsubscribe URL (absolute)
	 */
	static Letter write(Notice notice, String locale, Sender sender, String link, String unsubscribe) {
		Language language = Language.of(locale);
		ResourceBundle words = language.words();
		String kind = notice.kind().name();
		Map<String, String> values = values(notice.params(), sender);
		String subject = fill(words.getString(kind + ".subject"), values);
		List<String> body = Arrays.stream(words.getString(kind + ".body").split("\n"))
			.map(line -> fill(line, values))
			.filter(line -> !line.isBlank())
			.toList();
		String footer = fill(words.getString("footer"), values);
		String text = String.join("\n", body) + "\n" + link + "\n\n" + footer + "\n"
				+ fill(words.getString("unsubscribe.text"), Map.of("unsubscribe", unsubscribe)) + "\n";
		String paragraphs = body.stream()
			.map(line -> "<p style=\"margin:0 0 12px\">" + escape(line) + "</p>")
			.collect(Collectors.joining("\n"));
		return new Letter(subject, text, page(language, sender, values.get("chamber"), subject, paragraphs, link,
				words.getString(kind + ".action"), footer, unsubscribe));
	}

	/**
	 * A digest: its notices' subjects, newest first, each with its link, and how many more there are.
	 * @param links the notices' portal pages (absolute), in the same order
	 * @param total how many notices the digest holds ({@code notices} may be the newest of them only)
	 * @param link the portal's notifications page (absolute)
	 */
	static Letter digest(List<Notice> notices, List<String> links, int total, String locale, Sender sender, String link,
			String unsubscribe) {
		Language language = Language.of(locale);
		ResourceBundle words = language.words();
		Map<String, String> values = values(Map.of(), sender);
		values.put("count", Integer.toString(total));
		if (total > notices.size()) {
			values.put("more", Integer.toString(total - notices.size()));
		}
		String subject = fill(words.getString("digest.subject"), values);
		String intro = fill(words.getString("digest.body"), values);
		String more = fill(words.getString("digest.more"), values);
		List<String> titles = notices.stream().map(notice -> subject(notice, locale, sender)).toList();
		String footer = fill(words.getString("footer"), values);
		StringBuilder text = new StringBuilder(intro).append("\n\n");
		StringBuilder paragraphs = new StringBuilder("<p style=\"margin:0 0 12px\">" + escape(intro) + "</p>\n");
		for (int i = 0; i < titles.size(); i++) {
			text.append("- ").append(titles.get(i)).append("\n  ").append(links.get(i)).append("\n");
			paragraphs.append("<p style=\"margin:0 0 12px\"><a href=\"").append(escape(links.get(i))).append("\">")
				.append(escape(titles.get(i))).append("</a></p>\n");
		}
		if (!more.isBlank()) {
			text.append(more).append("\n");
			paragraphs.append("<p style=\"margin:0 0 12px\">").append(escape(more)).append("</p>\n");
		}
		text.append(link).append("\n\n").append(footer).append("\n")
			.append(fill(words.getString("unsubscribe.text"), Map.of("unsubscribe", unsubscribe))).append("\n");
		return new Letter(subject, text.toString(), page(language, sender, values.get("chamber"), subject, paragraphs.toString(), link,
				words.getString("digest.action"), footer, unsubscribe));
	}

	/** A digest as a text message: how many notices, and the link to them. */
	static String shortDigest(int total, String locale, Sender sender, String link) {
		return shortText("digest", Map.of("count", Integer.toString(total)), locale, sender, link);
	}

	/** What a user agrees to by turning on texts on a channel, in their language. */
	static String consent(Channel channel, String phone, String locale, Sender sender) {
		Map<String, String> values = values(Map.of(), sender);
		values.put("phone", phone);
		return fill(Language.of(locale).words().getString("consent." + channel.name()), values);
	}

	/** The text carrying a phone's verification code. */
	static String verificationCode(String code, String locale, Sender sender) {
		Language language = Language.of(locale);
		Map<String, String> values = new HashMap<>();
		values.put("code", code);
		values.put("chamber", cut(language.gsm7() ? gsm7(plain(sender.displayName())) : plain(sender.displayName()), SMS_NAME_MAX,
				language.gsm7() ? "..." : "…"));
		return fill(language.words().getString("verification.sms"), values);
	}

	/** The letter's page: the chamber's header, the paragraphs (HTML), the button, the footer and the unsubscribe link. */
	private static String page(Language language, Sender sender, String chamber, String subject, String paragraphs, String link,
			String action, String footer, String unsubscribe) {
		Map<String, String> page = new HashMap<>(branding(sender, chamber));
		page.put("lang", language.tag());
		page.put("dir", language.rightToLeft() ? "rtl" : "ltr");
		page.put("title", escape(subject));
		page.put("paragraphs", paragraphs);
		page.put("link", escape(link));
		page.put("action", escape(action));
		page.put("footer", escape(footer));
		page.put("unsubscribe", escape(unsubscribe));
		page.put("unsubscribeLabel", escape(language.words().getString("unsubscribe")));
		return fill(PAGE, page);
	}

	/** The letter's subject alone: the bell's title. */
	static String subject(Notice notice, String locale, Sender sender) {
		return fill(Language.of(locale).words().getString(notice.kind().name() + ".subject"), values(notice.params(), sender));
	}

	/** What a letter's templates are filled with: the notice's params and the chamber, shown as a letter shows them. */
	private static Map<String, String> values(Map<String, String> params, Sender sender) {
		Map<String, String> values = shown(params, UnaryOperator.identity(), "…");
		values.put("chamber", cut(plain(sender.displayName()), NAME_MAX, "…"));
		return values;
	}

	/**
	 * The notice as a text message of at most 160 GSM-7 characters where the language allows, the link
	 * included. Arabic goes as UCS-2 (70 characters a message): its words keep to 70, the link on top.
	 */
	static String shortText(Notice notice, String locale, Sender sender, String link) {
		return shortText(notice.kind().name(), notice.params(), locale, sender, link);
	}

	private static String shortText(String key, Map<String, String> params, String locale, Sender sender, String link) {
		Language language = Language.of(locale);
		ResourceBundle words = language.words();
		UnaryOperator<String> alphabet = language.gsm7() ? Letters::gsm7 : UnaryOperator.identity();
		// "…" is not GSM-7
		String ellipsis = language.gsm7() ? "..." : "…";
		Map<String, String> values = shown(params, alphabet, ellipsis);
		values.put("chamber", cut(alphabet.apply(plain(sender.displayName())), NAME_MAX, ellipsis));
		values.put("link", link);
		String template = words.getString("sms").replace("{text}", words.getString(key + ".sms"));
		// Arabic is not GSM-7: as UCS-2 one message holds 70 characters, so the words keep to 70, the link on top
		return new Sms(template, language.gsm7() ? 160 : 70 + 1 + link.length(), ellipsis).fit(values);
	}

	/** A text message's template, the most it may count (in GSM-7 septets) and how it marks a cut. */
	private record Sms(String template, int limit, String ellipsis) {

		/**
		 * The text shortened until it fits: the names to 40 characters, the excerpt to the room left (20
		 * characters at least, else left out), then the same without the chamber, then the names to what fits.
		 */
		String fit(Map<String, String> values) {
			Map<String, String> shortened = new HashMap<>(values);
			if (fits(shortened)) {
				return fill(template, shortened);
			}
			List<String> names = values.keySet().stream()
				.filter(param -> !EXCERPTS.contains(param) && !param.equals("chamber") && !param.equals("link"))
				.toList();
			names.forEach(name -> shortened.put(name, cut(values.get(name), SMS_NAME_MAX, ellipsis)));
			for (boolean withChamber : List.of(true, false)) {
				if (!withChamber) {
					shortened.remove("chamber");
				}
				for (String excerpt : EXCERPTS) {
					if (values.containsKey(excerpt) && !shrink(shortened, excerpt, values.get(excerpt), SMS_EXCERPT_MIN)) {
						shortened.remove(excerpt);
					}
				}
				if (fits(shortened)) {
					return fill(template, shortened);
				}
			}
			names.forEach(name -> shrink(shortened, name, values.get(name), SMS_NAME_MIN));
			return fill(template, shortened);
		}

		/** Cuts the param to the longest that fits, down to min characters; tells whether the text then fits. */
		private boolean shrink(Map<String, String> values, String param, String full, int min) {
			for (int max = full.length(); max >= min; max--) {
				values.put(param, cut(full, max, ellipsis));
				if (fits(values)) {
					return true;
				}
			}
			return false;
		}

		private boolean fits(Map<String, String> values) {
			return ShortTexts.septets(fill(template, values)) <= limit;
		}

	}

	/** The notice's params as they may be shown: on one line, in the alphabet, cut, blanks left out. */
	private static Map<String, String> shown(Map<String, String> params, UnaryOperator<String> alphabet, String ellipsis) {
		Map<String, String> shown = new HashMap<>();
		params.forEach((param, value) -> {
			String plain = alphabet.apply(plain(value));
			if (!plain.isEmpty()) {
				shown.put(param, cut(plain, EXCERPTS.contains(param) ? EXCERPT_MAX : NAME_MAX, ellipsis));
			}
		});
		return shown;
	}

	/** One line, trimmed: a message's line breaks would break the letter's lines (and a subject header). */
	private static String plain(String value) {
		return value == null ? "" : value.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
	}

	/** At most max characters, the ellipsis included, cut at a word when one ends near. */
	private static String cut(String value, int max, String ellipsis) {
		if (value.length() <= max) {
			return value;
		}
		int end = max - ellipsis.length();
		if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
			end--;
		}
		int space = value.lastIndexOf(' ', end);
		if (space > 0 && space >= end - 15) {
			end = space;
		}
		// "20 t.…" reads as a typo: the cut's own punctuation goes
		return TRAILING.matcher(value.substring(0, end)).replaceFirst("") + ellipsis;
	}

	/**
	 * The template with the values for its {params}; a [part] whose params are not all given is left out.
	 * The values are not read again, so a company named "{link}" stays so.
	 */
	private static String fill(String template, Map<String, String> values) {
		return PART.matcher(template).replaceAll(part -> Matcher.quoteReplacement(part.group(1) != null
				? optional(part.group(1), values) : required(part.group(2), values, template)));
	}

	private static String optional(String part, Map<String, String> values) {
		boolean given = PARAM.matcher(part).results().allMatch(param -> values.containsKey(param.group(1)));
		return given ? fill(part, values) : "";
	}

	private static String required(String param, Map<String, String> values, String template) {
		String value = values.get(param);
		if (value == null) {
			throw new IllegalArgumentException("No " + param + " for \"" + template + "\"");
		}
		return value;
	}

	private static String escape(String text) {
		// UTF-8: only <, >, &, " and ' become entities; é and Arabic stay as they are
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	/** The page's header and button in the chamber's colour (a #RRGGBB, else the default), with its logo if any. */
	private static Map<String, String> branding(Sender sender, String chamber) {
		String color = sender.primaryColor() != null && COLOR.matcher(sender.primaryColor()).matches()
				? sender.primaryColor() : DEFAULT_COLOR;
		String logo = sender.logoUrl() == null || sender.logoUrl().isBlank() ? ""
				: "<img src=\"" + escape(sender.logoUrl()) + "\" alt=\"" + escape(chamber)
						+ "\" width=\"48\" style=\"display:block;border:0;margin:0 0 8px\">";
		return Map.of("color", color, "ink", ink(color), "logo", logo, "chamber", escape(chamber));
	}

	/** White on a dark colour, near black on a light one, so the header and the button stay readable. */
	private static String ink(String color) {
		int rgb = Integer.parseInt(color.substring(1), 16);
		double luma = 0.299 * (rgb >> 16) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF);
		return luma > 160 ? "#111827" : "#FFFFFF";
	}

	/** The text with GSM-7's nearest where it has one: plain quotes and dashes, accents it lacks dropped (ç, ê). */
	private static String gsm7(String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints().forEach(point -> {
			String character = Character.toString(point);
			String bare = Normalizer.normalize(character, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
			if (ShortTexts.gsm7(character) || !GSM7_PLAIN.containsKey(point) && !ShortTexts.gsm7(bare)) {
				// a sign without a GSM-7 neighbour (Arabic, an emoji) stays: that message then goes as UCS-2
				out.append(character);
			}
			else {
				out.append(GSM7_PLAIN.getOrDefault(point, bare));
			}
		});
		return out.toString();
	}

}
