package org.comptoir.portal.market;

import java.util.List;
import java.util.Map;

import org.comptoir.portal.api.Api;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * "Contact this company" from a listing: the contract's {@code RequestContact}. A visitor who is not signed in
 * is sent through the sign-in to the form, then back to the listing once it is sent.
 */
@Controller
class ContactController {

	private final Api api;

	ContactController(Api api) {
		this.api = api;
	}

	@GetMapping("/contact/listing/{id}")
	Mono<String> form(ServerWebExchange exchange, @PathVariable String id, Model model) {
		return api.one(exchange, "ListingPage", Map.of("id", id, "locale", MarketController.language(exchange)), "listing")
			.map(page -> {
				model.addAllAttributes(page);
				return "contact";
			});
	}

	@PostMapping("/contact/listing/{id}")
	Mono<String> send(ServerWebExchange exchange, @PathVariable String id, Model model) {
		return exchange.getFormData().flatMap(form -> {
			String message = form.getFirst("message") == null ? "" : form.getFirst("message").trim();
			Map<String, Object> input = Map.of("listingId", id, "message", message);
			return api.call(exchange, "RequestContact", Map.of("input", input)).flatMap(answer -> {
				@SuppressWarnings("unchecked")
				List<Map<String, Object>> errors = (List<Map<String, Object>>) ((Map<String, Object>) answer
					.get("requestContact")).get("userErrors");
				if (errors.isEmpty()) {
					return Mono.just("redirect:/listings/" + id + "?contact=sent");
				}
				model.addAttribute("userErrors", errors);
				model.addAttribute("message", message);
				return form(exchange, id, model);
			});
		});
	}

}
