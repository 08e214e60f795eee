package org.comptoir.api.support;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an invited user does in a browser with Keycloak's required-actions email: opens the link, proceeds,
 * chooses a password on Keycloak's own form. A real HTTP client with cookies against the real login pages.
 */
public final class RequiredActions {

	private static final Pattern PASSWORD_FORM = Pattern.compile("<form[^>]*id=\"kc-passwd-update-form\"[^>]*action=\"([^\"]+)\"",
			Pattern.DOTALL);

	private static final Pattern FORM_ACTION_FIRST = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*id=\"kc-passwd-update-form\"",
			Pattern.DOTALL);

	private static final Pattern PROCEED = Pattern.compile("href=\"([^\"]*login-actions/action-token[^\"]*)\"");

	private RequiredActions() {
	}

	/** Follows the emailed link and sets this password; returns Keycloak's last page. */
	public static String choosePassword(String link, String password) {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new Cookies())
			.followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
		String page = get(browser, link);
		for (int step = 0; step < 3 && formAction(page) == null; step++) {
			Matcher proceed = PROCEED.matcher(page);
			if (!proceed.find()) {
				throw new AssertionError("Neither the password form nor a link to proceed on Keycloak's page: " + page);
			}
			page = get(browser, unescape(proceed.group(1)));
		}
		String action = formAction(page);
		if (action == null) {
			throw new AssertionError("No password form on Keycloak's page: " + page);
		}
		String form = "password-new=" + encode(password) + "&password-confirm=" + encode(password);
		HttpRequest post = HttpRequest.newBuilder(URI.create(action)).timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
		String after = send(browser, post);
		if (formAction(after) != null) {
			throw new AssertionError("Keycloak refused the password: " + after);
		}
		return after;
	}

	private static String formAction(String page) {
		Matcher matcher = PASSWORD_FORM.matcher(page);
		if (matcher.find()) {
			return unescape(matcher.group(1));
		}
		matcher = FORM_ACTION_FIRST.matcher(page);
		return matcher.find() ? unescape(matcher.group(1)) : null;
	}

	private static String get(HttpClient browser, String url) {
		return send(browser, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build());
	}

	private static String send(HttpClient browser, HttpRequest request) {
		try {
			HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 400) {
				throw new AssertionError("Keycloak answered " + response.statusCode() + " to " + request.uri() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new AssertionError("Keycloak does not answer " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * A browser's cookie jar for the test's plain-HTTP Keycloak: Keycloak marks its session cookies Secure
	 * (SameSite=None), which Java's CookieManager then never sends over http; a browser treats 127.0.0.1 as secure.
	 */
	private static final class Cookies extends CookieHandler {

		private final Map<String, String> jar = new ConcurrentHashMap<>();

		@Override
		public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
			if (jar.isEmpty()) {
				return Map.of();
			}
			String cookies = jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
			return Map.of("Cookie", List.of(cookies));
		}

		@Override
		public void put(URI uri, Map<String, List<String>> responseHeaders) {
			responseHeaders.forEach((name, values) -> {
				if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
					for (String value : values) {
						String pair = value.split(";", 2)[0];
						int equals = pair.indexOf('=');
						if (equals > 0) {
							String cookie = pair.substring(0, equals).trim();
							String content = pair.substring(equals + 1).trim();
							if (content.isEmpty() || value.toLowerCase(Locale.ROOT).contains("max-age=0")) {
								jar.remove(cookie);
							}
							else {
								jar.put(cookie, content);
							}
						}
					}
				}
			});
		}

	}

	private static String unescape(String html) {
		return html.replace("&amp;", "&").replace("&#61;", "=").replace("&#x3D;", "=");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
