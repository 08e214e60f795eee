package org.comptoir.api.graphql.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.comptoir.api.notification.DatabaseNotifications;
import org.comptoir.tenants.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole answers to anonymous queries, in memory, per instance: keyed by chamber, document, operation
 * name, variables (canonical JSON) and media type. The locale is not in the key: it is an argument
 * (so in the variables or the document) or the chamber's default; Accept-Language only changes
 * graphql-java's validation messages, and an answer with errors is never kept.
 * <p>
 * Invalidated by what the database tells ({@code V18__public_pages_changed.sql}, channel
 * {@value #CHANNEL}): {@code C <tenant>} ends that chamber's answers (and those that name no chamber),
 * {@code N <tenant>} and {@code *} end every answer, since network pages of any chamber may show the
 * change. Ending is a generation counter in the key, taken when the request starts: an answer computed
 * while a change commits is stored under the old generation, where nobody finds it. Old entries leave
 * by size or TTL. While no connection listens the cache is bypassed, and every new listening ends every
 * answer (what was sent meanwhile was missed).
 */
@Component
class ResponseCache {

	static final String CHANNEL = "comptoir_public_changed";

	/** The generation of requests that name no chamber (the network directory). */
	private static final UUID NO_CHAMBER = new UUID(0, 0);

	private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);

	/** What is looked up: generations first, so an ended answer is never found again. */
	record Key(UUID chamber, long chamberGeneration, long networkGeneration, String document, String operationName,
			String variables, String mediaType) {
	}

	/** An answer as sent: the body and its strong entity tag (a hash of media type and body). */
	record Answer(byte[] body, String etag) {
	}

	private final ResponseCacheProperties properties;

	private final DatabaseNotifications notifications;

	private final JsonMapper json;

	private final Cache<Key, Answer> answers;

	private final Map<UUID, AtomicLong> chamberGenerations = new ConcurrentHashMap<>();

	private final AtomicLong networkGeneration = new AtomicLong();

	private final Counter hits;

	private final Counter misses;

	private final Counter chamberInvalidations;

	private final Counter networkInvalidations;

	ResponseCache(ResponseCacheProperties properties, DatabaseNotifications notifications, JsonMapper json, MeterRegistry meters) {
		this.properties = properties;
		this.notifications = notifications;
		this.json = json;
		this.answers = Caffeine.newBuilder()
			.maximumWeight(properties.maxSize().toBytes())
			.weigher((Key key, Answer answer) -> answer.body().length + key.document().length() + key.variables().length() + 128)
			.expireAfterWrite(properties.ttl())
			.build();
		this.hits = Counter.builder("comptoir.response-cache.hits").description("Anonymous answers served from the response cache").register(meters);
		this.misses = Counter.builder("comptoir.response-cache.misses").description("Cacheable anonymous requests executed").register(meters);
		this.chamberInvalidations = Counter.builder("comptoir.response-cache.invalidations").tag("scope", "chamber")
			.description("Changes notified that ended cached answers").register(meters);
		this.networkInvalidations = Counter.builder("comptoir.response-cache.invalidations").tag("scope", "network")
			.description("Changes notified that ended cached answers").register(meters);
		Gauge.builder("comptoir.response-cache.entries", answers, Cache::estimatedSize).register(meters);
		if (properties.enabled()) {
			notifications.payloads(CHANNEL).subscribe(this::changed, ex -> log.error("Response cache invalidations stopped", ex));
			notifications.listens().subscribe(again -> endAll());
		}
	}

	/**
	 * The key of an anonymous query's answer, taken before it runs; empty when this instance keeps no
	 * answers now (disabled, or not hearing changes).
	 */
	Optional<Key> keyOf(@Nullable CurrentTenant chamber, GraphQlHttpRequest request, MediaType mediaType) {
		if (!properties.enabled() || !notifications.listening() || request.query() == null) {
			return Optional.empty();
		}
		UUID id = chamber == null ? NO_CHAMBER : chamber.id();
		return Optional.of(new Key(id, generation(id).get(), networkGeneration.get(), request.query(),
				request.operationName() == null ? "" : request.operationName(), canonical(request.variables()),
				mediaType.toString()));
	}

	Optional<Answer> find(Key key) {
		Answer answer = answers.getIfPresent(key);
		(answer == null ? misses : hits).increment();
		return Optional.ofNullable(answer);
	}

	void store(Key key, Answer answer) {
		answers.put(key, answer);
	}

	/** The answer for a body, with its entity tag. */
	Answer answer(Object body, MediaType mediaType) {
		byte[] bytes = json.writeValueAsBytes(body);
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(mediaType.toString().getBytes(StandardCharsets.UTF_8));
			sha256.update((byte) 0);
			return new Answer(bytes, "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest(bytes)) + "\"");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	private void changed(String payload) {
		String[] parts = payload.split(" ");
		if (parts.length == 2 && "C".equals(parts[0])) {
			try {
				generation(UUID.fromString(parts[1])).incrementAndGet();
				generation(NO_CHAMBER).incrementAndGet();
				chamberInvalidations.increment();
				return;
			}
			catch (IllegalArgumentException ex) {
				// not a chamber's id: end everything below
			}
		}
		endAll();
	}

	private void endAll() {
		networkGeneration.incrementAndGet();
		networkInvalidations.increment();
	}

	private AtomicLong generation(UUID chamber) {
		return chamberGenerations.computeIfAbsent(chamber, id -> new AtomicLong());
	}

	/** The variables as JSON with every object's keys in order: equal variables, equal text. */
	private String canonical(Map<String, Object> variables) {
		return json.writeValueAsString(sorted(variables));
	}

	private static Object sorted(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> sorted = new TreeMap<>();
			map.forEach((k, v) -> sorted.put(String.valueOf(k), sorted(v)));
			return sorted;
		}
		if (value instanceof List<?> list) {
			List<Object> sorted = new ArrayList<>(list.size());
			list.forEach(item -> sorted.add(sorted(item)));
			return sorted;
		}
		return value;
	}

}
