package org.comptoir.local;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /local/mail} (optionally {@code ?to=<address>}): what the local mail server received; {@code DELETE} forgets it. */
final class LocalMailEndpoint {

	static final String PATH = "/local/mail";

	private LocalMailEndpoint() {
	}

	static RouterFunction<ServerResponse> routes(LocalMail mail) {
		return RouterFunctions.route()
			.GET(PATH, request -> ServerResponse.ok().bodyValue(mail.received(request.queryParam("to").orElse(null))))
			.DELETE(PATH, request -> {
				mail.clear();
				return ServerResponse.noContent().build();
			})
			.build();
	}

}
