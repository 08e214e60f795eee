package org.comptoir.portal.web;

import java.net.URI;

import org.comptoir.portal.api.ApiException;
import org.comptoir.portal.chamber.Chamber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A refusal of the API as a page in the chamber's dress, with the status it means: never a stack trace. A
 * session the API no longer accepts (UNAUTHENTICATED) goes through the sign-in again.
 */
@ControllerAdvice
class ErrorPages {

	private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

	@ExceptionHandler(ApiException.class)
	Mono<String> refused(ApiException ex, ServerWebExchange exchange, Model model) {
		Chamber chamber = exchange.getAttribute(Chamber.ATTRIBUTE);
		if ("UNAUTHENTICATED".equals(ex.code()) && chamber != null) {
			exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
			exchange.getResponse().getHeaders().setLocation(URI.create("/oauth2/authorization/" + chamber.slug()));
			return Mono.empty();
		}
		HttpStatus status = switch (ex.code()) {
			case "NOT_FOUND", "TENANT_NOT_FOUND" -> HttpStatus.NOT_FOUND;
			case "FORBIDDEN", "TENANT_MISMATCH" -> HttpStatus.FORBIDDEN;
			case "RATE_LIMITED" -> HttpStatus.TOO_MANY_REQUESTS;
			case "BAD_USER_INPUT" -> HttpStatus.BAD_REQUEST;
			case "UNAVAILABLE" -> HttpStatus.SERVICE_UNAVAILABLE;
			default -> HttpStatus.INTERNAL_SERVER_ERROR;
		};
		if (status.is5xxServerError()) {
			log.warn("The API refused {}: {} {}", exchange.getRequest().getPath(), ex.code(), ex.getMessage());
		}
		exchange.getResponse().setStatusCode(status);
		model.addAttribute("status", status.value());
		model.addAttribute("code", ex.code());
		return Mono.just("error");
	}

}
