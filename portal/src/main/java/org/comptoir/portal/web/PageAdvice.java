package org.comptoir.portal.web;

import java.util.List;
import java.util.Map;

import org.comptoir.portal.PortalProperties;
import org.comptoir.portal.api.AccessTokens;
import org.comptoir.portal.api.Api;
import org.comptoir.portal.chamber.BrandController;
import org.comptoir.portal.chamber.Chamber;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What every page's layout reads: the chamber, the formats of its language, the form token. */
@ControllerAdvice
class PageAdvice {

	private final Formats formats;

	private final Api api;

	private final AccessTokens tokens;

	private final PortalProperties properties;

	PageAdvice(Formats formats, Api api, AccessTokens tokens, PortalProperties properties) {
		this.formats = formats;
		this.properties = properties;
		this.api = api;
		this.tokens = tokens;
	}

	/**
	 * The signed-in viewer ({@code PortalViewer.graphql}: user, company, unread notifications), or nothing for a
	 * visitor: no API call is made for them.
	 */
	@ModelAttribute("viewer")
	Mono<Map<String, Object>> viewer(ServerWebExchange exchange) {
		return tokens.of(exchange)
			.flatMap(token -> api.call(exchange, "PortalViewer", Map.of()))
			.mapNotNull(data -> viewerOf(data));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> viewerOf(Map<String, Object> data) {
		Map<String, Object> viewer = (Map<String, Object>) data.get("viewer");
		if (viewer == null) {
			return null;
		}
		Map<String, Object> user = (Map<String, Object>) viewer.get("user");
		Map<String, Object> withRoles = new java.util.HashMap<>(viewer);
		withRoles.put("admin", ((List<String>) user.get("roles")).contains("chamber-admin"));
		return withRoles;
	}

	/**
	 * The request's chamber; none on the network's own page. A Mono, since WebFlux stops reading an advice's
	 * model attributes at the first method that returns null.
	 */
	@ModelAttribute("chamber")
	Mono<Chamber> chamber(ServerWebExchange exchange) {
		return Mono.justOrEmpty(exchange.<Chamber>getAttribute(Chamber.ATTRIBUTE));
	}

	/** The chamber's colours as CSS properties, inline in every page's head. */
	@ModelAttribute("brandStyle")
	String brandStyle(ServerWebExchange exchange) {
		Chamber chamber = exchange.getAttribute(Chamber.ATTRIBUTE);
		return chamber == null ? "" : BrandController.properties(chamber);
	}

	@ModelAttribute("fmt")
	Formats.Bound formats(ServerWebExchange exchange) {
		return formats.bind(exchange.getLocaleContext().getLocale());
	}

	@ModelAttribute("links")
	Links links(ServerWebExchange exchange) {
		return Links.of(exchange.getRequest().getURI(), properties.baseDomain());
	}

	@ModelAttribute("path")
	String path(ServerWebExchange exchange) {
		return exchange.getRequest().getPath().value();
	}

	/** Forms carry the session's CSRF token ({@code _csrf}); the token is made when a page shows a form. */
	@ModelAttribute("_csrf")
	Mono<CsrfToken> csrf(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		if (token == null) {
			return Mono.empty();
		}
		return token.doOnSuccess(t -> exchange.getAttributes().put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, t));
	}

}
