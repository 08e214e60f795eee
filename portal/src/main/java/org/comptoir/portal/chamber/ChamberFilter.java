package org.comptoir.portal.chamber;

import java.time.Duration;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Names the request's chamber from its host, before anything else (security included) runs. A host that is
 * the base domain itself (or an address) is the network's own page, with no chamber; any other unknown host
 * is not found. A language asked for with {@code ?lang=} and offered by the chamber is remembered in a cookie.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ChamberFilter implements WebFilter {

	static final String LANGUAGE_COOKIE = "lang";

	private final Chambers chambers;

	ChamberFilter(Chambers chambers) {
		this.chambers = chambers;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		String host = exchange.getRequest().getURI().getHost();
		if (host == null || path.startsWith("/static/") || path.startsWith("/actuator/")) {
			return chain.filter(exchange);
		}
		return chambers.forHost(host)
			.filter(chamber -> signsInToOwnRealm(path, chamber))
			.switchIfEmpty(Mono.defer(() -> signingIn(path)
					? Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "Sign in on the chamber's own host"))
					: Mono.empty()))
			.doOnNext(chamber -> {
				exchange.getAttributes().put(Chamber.ATTRIBUTE, chamber);
				remember(exchange, chamber);
			})
			.map(chamber -> true)
			.switchIfEmpty(Mono.defer(() -> networkHost(host) ? Mono.just(true)
					: Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No chamber is served at " + host))))
			.flatMap(found -> chain.filter(exchange));
	}

	private static boolean signingIn(String path) {
		return path.startsWith("/oauth2/authorization/") || path.startsWith("/login/oauth2/code/");
	}

	/** A host signs in to its own chamber's realm only: its registration is the one named in the path. */
	private static boolean signsInToOwnRealm(String path, Chamber chamber) {
		return !signingIn(path) || path.substring(path.lastIndexOf('/') + 1).equals(chamber.slug());
	}

	/** The network's page: {@code localhost}, an address, or the base domain with no chamber in front. */
	private static boolean networkHost(String host) {
		return !host.contains(".") || host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?") || host.startsWith("www.");
	}

	private static void remember(ServerWebExchange exchange, Chamber chamber) {
		String language = exchange.getRequest().getQueryParams().getFirst("lang");
		if (language != null && chamber.offers(language)) {
			exchange.getResponse().addCookie(ResponseCookie.from(LANGUAGE_COOKIE, language)
				.path("/").maxAge(Duration.ofDays(365)).httpOnly(true).sameSite("Lax").build());
		}
	}

}
