package org.comptoir.portal.market;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.comptoir.portal.api.Api;
import org.comptoir.portal.chamber.Chamber;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A chamber's {@code /sitemap.xml} (its home, search, its own live listings, at most {@link #PAGES} hundred of
 * the newest, and their companies) and the {@code /robots.txt} that names it. Another chamber's listings are in
 * that chamber's sitemap, on its host.
 */
@RestController
class SitemapController {

	static final int PAGES = 10;

	private final Api api;

	SitemapController(Api api) {
		this.api = api;
	}

	@GetMapping(value = "/sitemap.xml", produces = "application/xml")
	@SuppressWarnings("unchecked")
	Mono<ResponseEntity<String>> sitemap(ServerWebExchange exchange) {
		Chamber chamber = exchange.getAttribute(Chamber.ATTRIBUTE);
		if (chamber == null) {
			return Mono.just(ResponseEntity.status(HttpStatus.NOT_FOUND).build());
		}
		String origin = exchange.getRequest().getURI().resolve("/").toString().replaceAll("/$", "");
		return page(exchange, null)
			.expand(page -> {
				Map<String, Object> info = (Map<String, Object>) page.get("pageInfo");
				return Boolean.TRUE.equals(info.get("hasNextPage")) ? page(exchange, (String) info.get("endCursor")) : Mono.empty();
			})
			.take(PAGES)
			.flatMapIterable(page -> (List<Map<String, Object>>) page.get("edges"))
			.map(edge -> (Map<String, Object>) edge.get("node"))
			.filter(node -> chamber.slug().equals(((Map<String, Object>) ((Map<String, Object>) node.get("member")).get("tenant")).get("slug")))
			.collectList()
			.map(listings -> {
				StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
						+ "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
				url(xml, origin + "/", null);
				url(xml, origin + "/search", null);
				Set<String> companies = new LinkedHashSet<>();
				for (Map<String, Object> listing : listings) {
					String published = (String) listing.get("publishedAt");
					url(xml, origin + "/listings/" + listing.get("id"), published == null ? null : published.substring(0, 10));
					companies.add((String) ((Map<String, Object>) listing.get("member")).get("id"));
				}
				companies.forEach(company -> url(xml, origin + "/companies/" + company, null));
				return ResponseEntity.ok()
					.contentType(MediaType.APPLICATION_XML)
					.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
					.body(xml.append("</urlset>\n").toString());
			});
	}

	@GetMapping(value = "/robots.txt", produces = "text/plain")
	ResponseEntity<String> robots(ServerWebExchange exchange) {
		String origin = exchange.getRequest().getURI().resolve("/").toString();
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_PLAIN)
			.body("User-agent: *\nDisallow: /my/\nDisallow: /inbox/\nDisallow: /admin/\nDisallow: /contact/\nSitemap: " + origin
					+ "sitemap.xml\n");
	}

	@SuppressWarnings("unchecked")
	private Mono<Map<String, Object>> page(ServerWebExchange exchange, String after) {
		Map<String, Object> variables = new HashMap<>();
		if (after != null) {
			variables.put("after", after);
		}
		return api.call(exchange, "SitemapPage", variables).map(data -> (Map<String, Object>) data.get("listings"));
	}

	/** Ids are base64 and dates ISO: nothing in them needs escaping in XML. */
	private static void url(StringBuilder xml, String loc, String lastmod) {
		xml.append("  <url><loc>").append(loc).append("</loc>");
		if (lastmod != null) {
			xml.append("<lastmod>").append(lastmod).append("</lastmod>");
		}
		xml.append("</url>\n");
	}

}
