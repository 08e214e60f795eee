package org.comptoir.api.notices;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * One provider's HTTP: a WebClient on its base URL with a connect timeout and a response timeout, and
 * answers read whole (status and body) so each adapter decides from both; a failure to get an answer at all
 * (refused, reset, timed out) is a {@link TextNotSent}.
 */
final class TextHttp {

	/** What of a provider's answer goes into an error message, at most. */
	private static final int SHOWN = 300;

	private final String provider;

	private final WebClient client;

	private final JsonMapper mapper;

	private final Duration timeout;

	TextHttp(String provider, String baseUrl, TextProperties.Timeouts timeouts, JsonMapper mapper) {
		this.provider = provider;
		this.mapper = mapper;
		this.timeout = timeouts.response();
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeouts.connect().toMillis())
			.responseTimeout(timeouts.response());
		this.client = WebClient.builder().baseUrl(baseUrl).clientConnector(new ReactorClientHttpConnector(http)).build();
	}

	WebClient client() {
		return client;
	}

	/** A provider's answer: its status, its body as sent, and that body as JSON (missing when it is not JSON). */
	record Reply(int status, String body, JsonNode json) {

		boolean ok() {
			return status >= 200 && status < 300;
		}

	}

	/** Sends the request and reads the answer whole, whatever its status. */
	Mono<Reply> exchange(WebClient.RequestHeadersSpec<?> request) {
		return request.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
				.map(body -> new Reply(response.statusCode().value(), body, tree(body))))
			// the whole answer, body included, within twice the time allowed for its headers
			.timeout(timeout.multipliedBy(2))
			.onErrorMap(ex -> !(ex instanceof TextNotSent), ex -> new TextNotSent(provider + " did not answer: " + describe(ex), ex));
	}

	/** The request's JSON body, as bytes (so no encoder takes a String for a JSON string to quote). */
	byte[] json(Object body) {
		return mapper.writeValueAsBytes(body);
	}

	/** A failure worth retrying, saying what the provider answered. */
	TextNotSent notSent(Reply reply, String why) {
		return new TextNotSent(provider + " answered " + reply.status() + " (" + why + "): " + shown(reply.body()));
	}

	/** The number's fault, saying what the provider answered. */
	TextProvider.TextRefused refused(Reply reply, String why) {
		return new TextProvider.TextRefused(provider + " refused the number (" + why + "): " + shown(reply.body()));
	}

	private JsonNode tree(String body) {
		if (body.isBlank()) {
			return MissingNode.getInstance();
		}
		try {
			return mapper.readTree(body);
		}
		catch (JacksonException ex) {
			return MissingNode.getInstance();
		}
	}

	private static String shown(String body) {
		String line = body.replaceAll("\\s+", " ").strip();
		return line.length() <= SHOWN ? line : line.substring(0, SHOWN) + "…";
	}

	private static String describe(Throwable ex) {
		return ex instanceof TimeoutException || ex.getCause() instanceof TimeoutException ? "timed out"
				: ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
	}

}
