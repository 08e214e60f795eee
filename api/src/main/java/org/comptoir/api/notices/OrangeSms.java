package org.comptoir.api.notices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through Orange's SMS API (Middle East and Africa: Senegal, Côte d'Ivoire, Morocco...): an OAuth2
 * client-credentials token from {@code /oauth/v3/token}, kept until shortly before it expires, then
 * {@code POST /smsmessaging/v1/outbound/tel:+{sender}/requests}; the request's {@code resourceURL} is the
 * message id. A 400 whose exception names the address (SVC0002 invalid input, SVC0004 no valid address) is
 * the number's; a 401 (the token expired or was revoked early) fetches a token again, once; anything else
 * (403 POL0001 no credit left, 429, 5xx) may pass.
 */
final class OrangeSms implements TextProvider {

	static final String NAME = "orange";

	/** A token is let go this long before Orange says it expires, so none expires on the way. */
	private static final Duration MARGIN = Duration.ofMinutes(1);

	private final TextProperties.Orange application;

	private final TextHttp http;

	private final String sender;

	/** The token being fetched or fetched, shared by every send until it expires or is refused. */
	private final AtomicReference<Mono<Token>> cached = new AtomicReference<>();

	private final Clock clock;

	OrangeSms(TextProperties.Orange application, TextProperties.Timeouts timeouts, JsonMapper mapper) {
		this(application, timeouts, mapper, Clock.systemUTC());
	}

	OrangeSms(TextProperties.Orange application, TextProperties.Timeouts timeouts, JsonMapper mapper, Clock clock) {
		this.application = application;
		this.clock = clock;
		this.http = new TextHttp(NAME, application.baseUrl(), timeouts, mapper);
		// configured with or without the +: the API wants the digits after tel:+
		this.sender = application.sender().strip().replaceFirst("^\\+", "");
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public Mono<String> send(TextMessage message) {
		return token().flatMap(lease -> post(message, lease.value()).flatMap(reply -> {
			if (reply.status() != 401) {
				return Mono.just(reply);
			}
			// refused before its time (revoked, renewed elsewhere): one new token, one more try
			forget(lease);
			return token().flatMap(fresh -> post(message, fresh.value()));
		})).map(this::messageId);
	}

	private Mono<TextHttp.Reply> post(TextMessage message, String bearer) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("address", "tel:" + message.to());
		request.put("senderAddress", "tel:+" + sender);
		if (application.senderName() != null && !application.senderName().isBlank()) {
			request.put("senderName", application.senderName());
		}
		request.put("outboundSMSTextMessage", Map.of("message", message.text()));
		// the sender in the path is encoded whole (tel%3A%2B...), as Orange's documentation shows it
		return http.exchange(http.client().post().uri("/smsmessaging/v1/outbound/{sender}/requests", "tel:+" + sender)
				.headers(headers -> headers.setBearerAuth(bearer))
				.accept(MediaType.APPLICATION_JSON)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(http.json(Map.of("outboundSMSMessageRequest", request))));
	}

	private String messageId(TextHttp.Reply reply) {
		String resource = reply.json().path("outboundSMSMessageRequest").path("resourceURL").asString("");
		if (reply.ok() && !resource.isEmpty()) {
			return resource;
		}
		JsonNode exception = reply.json().path("requestError").path("serviceException");
		String why = exception.path("messageId").asString("") + " " + exception.path("text").asString("");
		if (reply.status() == 400 && namesAddress(exception.path("variables"))) {
			throw http.refused(reply, why);
		}
		throw http.notSent(reply, why.isBlank() ? "not sent" : why);
	}

	/** Whether the exception's variables (a string, or a list of them) name the address. */
	private static boolean namesAddress(JsonNode variables) {
		if (variables.isArray()) {
			for (JsonNode variable : variables) {
				if (variable.asString("").contains("address")) {
					return true;
				}
			}
			return false;
		}
		return variables.asString("").contains("address");
	}

	/** The current token, fetched when there is none or it has expired: one fetch for every send waiting on it. */
	private Mono<Lease> token() {
		Mono<Token> current = cached.get();
		if (current == null) {
			Mono<Token> fetching = fetchToken().cache();
			current = cached.compareAndSet(null, fetching) ? fetching : cached.get();
			if (current == null) {
				return Mono.defer(this::token);
			}
		}
		Mono<Token> source = current;
		return source.onErrorResume(ex -> {
			// a failed fetch is not kept: the next send asks again
			cached.compareAndSet(source, null);
			return Mono.error(ex);
		}).flatMap(held -> {
			if (clock.instant().isBefore(held.expires())) {
				return Mono.just(new Lease(held.value(), source));
			}
			cached.compareAndSet(source, null);
			return token();
		});
	}

	private Mono<Token> fetchToken() {
		return http.exchange(http.client().post().uri("/oauth/v3/token")
				.headers(headers -> headers.setBasicAuth(application.clientId(), application.clientSecret()))
				.accept(MediaType.APPLICATION_JSON)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(BodyInserters.fromFormData("grant_type", "client_credentials")))
			.map(reply -> {
				String value = reply.json().path("access_token").asString("");
				if (!reply.ok() || value.isEmpty()) {
					throw http.notSent(reply, "no token");
				}
				// Orange sends expires_in as a string ("3600"); a number reads the same
				Duration lifetime = Duration.ofSeconds(reply.json().path("expires_in").asLong(3600));
				Duration kept = lifetime.compareTo(MARGIN.multipliedBy(2)) > 0 ? lifetime.minus(MARGIN) : lifetime.dividedBy(2);
				return new Token(value, clock.instant().plus(kept.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : kept));
			});
	}

	/** Lets the token go, unless it was already replaced. */
	private void forget(Lease lease) {
		cached.compareAndSet(lease.source(), null);
	}

	private record Token(String value, Instant expires) {
	}

	/** A token handed to one send, and the fetch it came from (to let that go when Orange refuses it). */
	private record Lease(String value, Mono<Token> source) {
	}

}
