package org.comptoir.portal.market;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.comptoir.portal.chamber.Chamber;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

/**
 * A listing as schema.org {@code Product} with its {@code Offer} (JSON-LD), what search engines and link
 * previews read besides OpenGraph. A request (someone buying) is a {@code Demand}.
 */
final class ProductData {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProductData() {
	}

	@SuppressWarnings("unchecked")
	static String of(Map<String, Object> page, ServerWebExchange exchange) {
		Map<String, Object> listing = (Map<String, Object>) page.get("listing");
		Map<String, Object> member = (Map<String, Object>) listing.get("member");
		Chamber chamber = exchange.getAttribute(Chamber.ATTRIBUTE);
		String url = exchange.getRequest().getURI().resolve("/listings/" + listing.get("id")).toString();
		Map<String, Object> seller = new LinkedHashMap<>();
		seller.put("@type", "Organization");
		seller.put("name", member.get("name"));
		seller.put("address", Map.of("@type", "PostalAddress", "addressCountry", member.get("country")));
		Map<String, Object> offer = new LinkedHashMap<>();
		offer.put("@type", "REQUEST".equals(listing.get("kind")) ? "Demand" : "Offer");
		offer.put("url", url);
		offer.put("availability", "PUBLISHED".equals(listing.get("status")) ? "https://schema.org/InStock"
				: "https://schema.org/Discontinued");
		Map<String, Object> price = (Map<String, Object>) listing.get("price");
		if (price != null) {
			offer.put("price", price.get("amount").toString());
			offer.put("priceCurrency", price.get("currency"));
		}
		if (listing.get("expiresAt") != null) {
			offer.put("validThrough", listing.get("expiresAt"));
		}
		offer.put("REQUEST".equals(listing.get("kind")) ? "seeks" : "seller", seller);
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("@context", "https://schema.org");
		product.put("@type", "Product");
		product.put("name", listing.get("title"));
		if (listing.get("description") != null) {
			product.put("description", listing.get("description"));
		}
		List<Map<String, Object>> images = (List<Map<String, Object>>) listing.get("images");
		if (!images.isEmpty()) {
			product.put("image", images.stream().map(image -> image.get("card")).toList());
		}
		Map<String, Object> hs = (Map<String, Object>) listing.get("hsCode");
		product.put("category", "HS " + hs.get("code") + " " + hs.get("description"));
		if (listing.get("originCountry") != null) {
			product.put("countryOfOrigin", Map.of("@type", "Country", "name", listing.get("originCountry")));
		}
		if (chamber != null) {
			product.put("brand", Map.of("@type", "Brand", "name", member.get("name")));
		}
		product.put("offers", offer);
		// inside <script>: "</" would end the element, whatever the JSON says
		return JSON.writeValueAsString(product).replace("</", "<\\/");
	}

}
