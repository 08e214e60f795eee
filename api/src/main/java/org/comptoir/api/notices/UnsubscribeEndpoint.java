package org.comptoir.api.notices;

import java.util.UUID;

import org.comptoir.api.tenant.TenantRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * One-click unsubscribe (RFC 8058): a mail reader POSTs to the {@code List-Unsubscribe} URL and the user's
 * e-mail notices stop; a person who opens the link gets a page with one button that does the same POST
 * (a GET changes nothing: link scanners open every link). The token is the user's own, random.
 */
@Configuration(proxyBeanMethods = false)
class UnsubscribeEndpoint {

	private static final String PATH = "/notices/unsubscribe/{slug}/{token}";

	private final NoticeRepository notices;

	private final TenantRegistry registry;

	UnsubscribeEndpoint(NoticeRepository notices, TenantRegistry registry) {
		this.notices = notices;
		this.registry = registry;
	}

	@Bean
	RouterFunction<ServerResponse> unsubscribeRoutes() {
		return RouterFunctions.route()
			.GET(PATH, request -> page(request, "Stop these e-mails? / Ne plus recevoir ces e-mails ?",
					"<form method=\"post\"><button type=\"submit\">Unsubscribe / Se désabonner</button></form>"))
			.POST(PATH, this::unsubscribe)
			.build();
	}

	private Mono<ServerResponse> unsubscribe(ServerRequest request) {
		UUID token;
		try {
			token = UUID.fromString(request.pathVariable("token"));
		}
		catch (IllegalArgumentException ex) {
			return ServerResponse.status(HttpStatus.NOT_FOUND).build();
		}
		return registry.bySlug(request.pathVariable("slug"))
			.flatMap(tenant -> notices.unsubscribe(tenant.tenantId(), token))
			.filter(Boolean::booleanValue)
			.flatMap(done -> page(request, "Done: no more e-mails. / C'est fait : plus d'e-mails.",
					"<p>The portal's notification settings turn them on again.</p>"))
			.switchIfEmpty(Mono.defer(() -> ServerResponse.status(HttpStatus.NOT_FOUND).build()));
	}

	private static Mono<ServerResponse> page(ServerRequest request, String title, String body) {
		return ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
			.bodyValue("<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
					+ "<title>" + HtmlUtils.htmlEscape(title) + "</title></head><body style=\"font-family:sans-serif;max-width:32em;margin:2em auto\">"
					+ "<h1 style=\"font-size:1.2em\">" + HtmlUtils.htmlEscape(title) + "</h1>" + body + "</body></html>");
	}

}
