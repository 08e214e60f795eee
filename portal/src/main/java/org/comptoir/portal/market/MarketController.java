package org.comptoir.portal.market;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.comptoir.portal.api.Api;
import org.comptoir.portal.chamber.Chambers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The pages anyone reads, signed in or not: home, search, a listing, a company; and, on the network's own
 * host, the chambers. Each page is one document of {@code graphql-documents/} and one template.
 */
@Controller
class MarketController {

	private final Api api;

	private final Chambers chambers;

	MarketController(Api api, Chambers chambers) {
		this.api = api;
		this.chambers = chambers;
	}

	@GetMapping("/")
	Mono<String> home(ServerWebExchange exchange, Model model) {
		if (exchange.getAttribute(org.comptoir.portal.chamber.Chamber.ATTRIBUTE) == null) {
			return chambers.all().map(all -> {
				model.addAttribute("chambers", all);
				return "network";
			});
		}
		return Mono.zip(api.call(exchange, "HomePage", Map.of("locale", language(exchange))), chambers.all())
			.map(page -> {
				model.addAllAttributes(page.getT1());
				model.addAttribute("network", page.getT2());
				return "home";
			});
	}

	@GetMapping("/search")
	Mono<String> search(ServerWebExchange exchange, @RequestParam MultiValueMap<String, String> params, Model model) {
		Search search = Search.of(params);
		Map<String, Object> variables = new HashMap<>(search.variables());
		variables.put("locale", language(exchange));
		return api.call(exchange, "SearchPage", variables).map(page -> {
			model.addAllAttributes(page);
			model.addAttribute("search", search);
			return "search";
		});
	}

	@GetMapping("/listings/{id}")
	Mono<String> listing(ServerWebExchange exchange, @PathVariable String id, Model model) {
		return api.one(exchange, "ListingPage", Map.of("id", id, "locale", language(exchange)), "listing")
			.map(page -> {
				model.addAllAttributes(page);
				model.addAttribute("productData", ProductData.of(page, exchange));
				model.addAttribute("contact", exchange.getRequest().getQueryParams().getFirst("contact"));
				return "listing";
			});
	}

	@GetMapping("/companies/{id}")
	Mono<String> company(ServerWebExchange exchange, @PathVariable String id, Model model) {
		return api.one(exchange, "MemberProfile", Map.of("id", id, "locale", language(exchange)), "member")
			.map(page -> {
				model.addAllAttributes(page);
				return "company";
			});
	}

	static String language(ServerWebExchange exchange) {
		return exchange.getLocaleContext().getLocale().getLanguage();
	}

	/**
	 * What a search page asks, as its address says it ({@code ?q=cafe&kind=OFFER&hs=09&origin=SN&scope=NETWORK}),
	 * so a search is a link one can share, bookmark and open with JavaScript off.
	 */
	record Search(String q, String kind, String hs, String origin, String scope, String sort, String company, String after) {

		static Search of(MultiValueMap<String, String> params) {
			return new Search(trimmed(params.getFirst("q")), oneOf(params.getFirst("kind"), "OFFER", "REQUEST"),
					digits(params.getFirst("hs")), upper(params.getFirst("origin")),
					oneOf(params.getFirst("scope"), "CHAMBER", "NETWORK"), oneOf(params.getFirst("sort"), "RELEVANCE", "NEWEST"),
					trimmed(params.getFirst("company")), trimmed(params.getFirst("after")));
		}

		Map<String, Object> variables() {
			Map<String, Object> filter = new LinkedHashMap<>();
			if (kind != null) {
				filter.put("kinds", List.of(kind));
			}
			if (hs != null) {
				filter.put("hsCodePrefixes", List.of(hs.split(",")));
			}
			if (origin != null) {
				filter.put("originCountries", List.of(origin));
			}
			if (scope != null) {
				filter.put("scope", scope);
			}
			if (company != null) {
				filter.put("memberId", company);
			}
			Map<String, Object> variables = new LinkedHashMap<>();
			if (q != null) {
				variables.put("query", q);
			}
			variables.put("filter", filter);
			variables.put("sort", sort != null ? sort : q != null ? "RELEVANCE" : "NEWEST");
			if (after != null) {
				variables.put("after", after);
			}
			return variables;
		}

		/** This search with one parameter set (or removed with null), from the first page. */
		public String with(String name, String value) {
			Map<String, String> params = new LinkedHashMap<>();
			params.put("q", q);
			params.put("kind", kind);
			params.put("hs", hs);
			params.put("origin", origin);
			params.put("scope", scope);
			params.put("sort", sort);
			params.put("company", company);
			params.put(name, value);
			StringBuilder url = new StringBuilder("/search");
			char separator = '?';
			for (Map.Entry<String, String> param : params.entrySet()) {
				if (param.getValue() != null && !param.getValue().isEmpty()) {
					url.append(separator).append(param.getKey()).append('=')
						.append(java.net.URLEncoder.encode(param.getValue(), java.nio.charset.StandardCharsets.UTF_8));
					separator = '&';
				}
			}
			return url.toString();
		}

		/** The next page: this search from a cursor. */
		public String next(String cursor) {
			String base = with("after", null);
			return base + (base.contains("?") ? "&" : "?") + "after="
					+ java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8);
		}

		private static String trimmed(String value) {
			return value == null || value.isBlank() ? null : value.trim();
		}

		private static String oneOf(String value, String... allowed) {
			return value != null && List.of(allowed).contains(value) ? value : null;
		}

		private static String digits(String value) {
			return value != null && value.matches("[0-9]{2,6}(,[0-9]{2,6})*") ? value : null;
		}

		private static String upper(String value) {
			return value != null && value.matches("[A-Za-z]{2}") ? value.toUpperCase() : null;
		}

	}

}
