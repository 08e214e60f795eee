package org.comptoir.local;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /local/texts} (optionally {@code ?to=<E.164>}): the SMS and WhatsApp the local provider received; {@code DELETE} forgets them. */
final class LocalTextsEndpoint {

	static final String PATH = "/local/texts";

	private LocalTextsEndpoint() {
	}

	static RouterFunction<ServerResponse> routes(LocalTexts texts) {
		return RouterFunctions.route()
			.GET(PATH, request -> ServerResponse.ok().bodyValue(texts.received(request.queryParam("to").orElse(null))))
			.DELETE(PATH, request -> {
				texts.clear();
				return ServerResponse.noContent().build();
			})
			.build();
	}

}
