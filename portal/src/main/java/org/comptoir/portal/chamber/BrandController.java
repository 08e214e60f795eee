package org.comptoir.portal.chamber;

import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The chamber's colours and logo as a stylesheet, {@code /brand.css}: what the chamber's Keycloak login pages
 * link, so they wear the branding as edited, not as it was when the realm was made. The portal's own pages
 * carry the same properties inline (one request less on a slow line).
 */
@RestController
public class BrandController {

	private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{3,8}");

	@GetMapping(value = "/brand.css", produces = "text/css")
	ResponseEntity<String> css(ServerWebExchange exchange) {
		Chamber chamber = exchange.getAttribute(Chamber.ATTRIBUTE);
		if (chamber == null) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
		}
		StringBuilder css = new StringBuilder(properties(chamber));
		if (chamber.logoUrl() != null) {
			// background-image alone: the login theme sets the logo box's size, position and repeat itself
			css.append(".brand-logo{background-image:url(\"").append(absolute(exchange, chamber.logoUrl()).replace("\"", "%22"))
				.append("\")}\n");
		}
		return ResponseEntity.ok()
			.contentType(MediaType.valueOf("text/css;charset=UTF-8"))
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(css.toString());
	}

	/** A logo served on the portal's own host (/media/...) named absolutely: Keycloak's pages are on another. */
	private static String absolute(ServerWebExchange exchange, String url) {
		return url.startsWith("/") ? exchange.getRequest().getURI().resolve(url).toString() : url;
	}

	/** {@code :root{--brand-primary:..;--brand-accent:..}}, the colours checked to be colours. */
	public static String properties(Chamber chamber) {
		return ":root{--brand-primary:" + colour(chamber.primaryColor(), "#1f5f8b") + ";--brand-accent:"
				+ colour(chamber.accentColor(), "#e0a526") + "}\n";
	}

	private static String colour(String value, String fallback) {
		return value != null && COLOUR.matcher(value).matches() ? value : fallback;
	}

}
