package org.comptoir.portal.api;

import java.util.List;

import org.comptoir.portal.PortalProperties;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pictures and documents the API serves on its own host ({@code /media/...}, the local file store) passed
 * through on the portal's, streamed, with their caching headers: pages name them by path and stay on one origin.
 * With an object store or a CDN in front, the API gives absolute URLs and nothing comes through here.
 */
@RestController
class MediaProxy {

	private static final List<String> PASSED = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH,
			HttpHeaders.CACHE_CONTROL, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.CONTENT_DISPOSITION,
			HttpHeaders.ACCEPT_RANGES, HttpHeaders.CONTENT_RANGE);

	private final WebClient api;

	MediaProxy(PortalProperties properties) {
		this.api = WebClient.builder().baseUrl(properties.apiUrl().resolve("/").toString()).build();
	}

	@GetMapping("/media/**")
	Mono<ResponseEntity<Flux<DataBuffer>>> media(ServerWebExchange exchange) {
		HttpHeaders asked = exchange.getRequest().getHeaders();
		return api.get()
			.uri(exchange.getRequest().getURI().getRawPath() + (exchange.getRequest().getURI().getRawQuery() == null ? ""
					: "?" + exchange.getRequest().getURI().getRawQuery()))
			.headers(headers -> {
				for (String name : List.of(HttpHeaders.RANGE, HttpHeaders.IF_NONE_MATCH, HttpHeaders.IF_MODIFIED_SINCE)) {
					if (asked.containsHeader(name)) {
						headers.put(name, asked.get(name));
					}
				}
			})
			.exchangeToMono(answer -> {
				HttpHeaders headers = new HttpHeaders();
				PASSED.forEach(name -> {
					List<String> values = answer.headers().asHttpHeaders().get(name);
					if (values != null) {
						headers.put(name, values);
					}
				});
				return Mono.just(ResponseEntity.status(answer.statusCode()).headers(headers)
					.body(answer.bodyToFlux(DataBuffer.class)));
			})
			.onErrorReturn(ResponseEntity.status(HttpStatus.BAD_GATEWAY).build());
	}

}
