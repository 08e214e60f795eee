package org.comptoir.api.protection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import graphql.ExecutionResult;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.identity.Caller;
import org.comptoir.tenants.CurrentTenant;
import org.comptoir.tenants.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.comptoir.api.graphql.InterceptorOrder;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotent mutations, for any mutation whatever it creates: a request carrying an
 * {@code Idempotency-Key} header (or an {@code idempotencyKey} in a root field's {@code input}, for
 * WebSocket clients) runs once per chamber, caller and key. A retry gets the first response again and
 * nothing runs; a retry arriving while the first still runs waits for it. The same key with another
 * operation or other variables is refused with {@code BAD_USER_INPUT}, before anything runs.
 * <p>
 * A first request whose mutation returned nothing (refused, failed) or that went away (client gone,
 * timeout) gives its key back, so that a retry runs it again, unless one of its transactions wrote and
 * committed: the key is committed in that same transaction (commit mark), so a retry never runs the
 * writes twice; it gets the first answer, or, when the first client left before it was sent, an error
 * saying the mutation already ran. Kept answers hold no secrets. Anonymous requests and requests without
 * a chamber have nothing to key on and pass through.
 */
@Component
@Order(InterceptorOrder.IDEMPOTENCY)
record IdempotencyInterceptor(IdempotencyStore store, QueryLimits limits, Idempotency settings, JsonMapper mapper) implements WebGraphQlInterceptor {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyInterceptor.class);

	private static final int MAX_KEY_LENGTH = 200;

	private static final Duration POLL = Duration.ofMillis(100);

	/** Retries while the first request with the key still runs. */
	private static final class StillRunning extends RuntimeException {

		StillRunning() {
			super(null, null, false, false);
		}

	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		OperationShape shape = OperationShape.of(request, limits);
		if (shape.kind().filter(kind -> kind == OperationDefinition.Operation.MUTATION).isEmpty()) {
			return chain.next(request);
		}
		Set<String> keys = new LinkedHashSet<>();
		// a socket's headers are its handshake's, shared by every operation on it: only the input's key counts there
		String header = request instanceof WebSocketGraphQlRequest ? null : request.getHeaders().getFirst(Idempotency.HEADER);
		if (header != null) {
			keys.add(header);
		}
		keys.addAll(inputKeys(shape.operation, request.getVariables()));
		if (keys.isEmpty()) {
			return chain.next(request);
		}
		if (keys.size() > 1) {
			return Mono.just(badKey(request, "The request carries different idempotency keys (header and input): send one."));
		}
		String key = keys.iterator().next();
		if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
			return Mono.just(badKey(request, "An idempotency key has 1 to " + MAX_KEY_LENGTH + " characters."));
		}
		String fingerprint = fingerprint(request, shape);
		return Mono.deferContextual(context -> {
			CurrentTenant tenant = TenantContext.get(context).orElse(null);
			if (tenant == null) {
				return chain.next(request);
			}
			return ReactiveSecurityContextHolder.getContext()
				.map(SecurityContext::getAuthentication)
				.flatMap(authentication -> Mono.justOrEmpty(Caller.of(authentication)))
				.map(caller -> caller.realm() + "/" + caller.userId())
				.flatMap(caller -> once(request, chain, tenant.id(), caller, key, fingerprint))
				.switchIfEmpty(Mono.defer(() -> chain.next(request)));
		});
	}

	private Mono<WebGraphQlResponse> once(WebGraphQlRequest request, Chain chain, UUID tenant, String caller, String key,
			String fingerprint) {
		Duration lease = limits.requestTimeout().plusSeconds(5);
		return store.claim(tenant, caller, key, fingerprint, lease).flatMap(claimed -> claimed
				? run(request, chain, tenant, caller, key)
				: replay(request, tenant, caller, key, fingerprint));
	}

	/**
	 * The first request with this key: runs, its transactions committing the key with their writes
	 * ({@link IdempotencyStore#commitMark}); its answer is kept if the mutation did something.
	 */
	private Mono<WebGraphQlResponse> run(WebGraphQlRequest request, Chain chain, UUID tenant, String caller, String key) {
		return chain.next(request)
			.contextWrite(context -> store.commitMark(tenant, caller, key).putIn(context))
			.flatMap(response -> {
				String json = mapper.writeValueAsString(withoutSecrets(response.getExecutionResult().toSpecification()));
				if (didSomething(response.getExecutionResult())) {
					return store.complete(tenant, caller, key, json).thenReturn(response);
				}
				// nothing returned: the key goes back, unless a transaction committed (then this answer stays)
				return store.release(tenant, caller, key)
					.flatMap(released -> released ? Mono.just(response) : store.complete(tenant, caller, key, json).thenReturn(response));
			})
			.onErrorResume(ex -> store.release(tenant, caller, key).onErrorResume(e -> Mono.empty()).then(Mono.error(ex)))
			.doOnCancel(() -> store.release(tenant, caller, key)
				.subscribe(null, ex -> log.warn("Could not release idempotency key after cancel: {}", ex.toString())));
	}

	private Mono<WebGraphQlResponse> replay(WebGraphQlRequest request, UUID tenant, String caller, String key,
			String fingerprint) {
		Duration wait = settings.waitForFirst() == null ? limits.requestTimeout().plusSeconds(1) : settings.waitForFirst();
		return store.find(tenant, caller, key)
			.flatMap(entry -> entry.response() == null && entry.running() && entry.fingerprint().equals(fingerprint)
					? Mono.error(new StillRunning()) : Mono.just(entry))
			.retryWhen(Retry.fixedDelay(Math.max(1, wait.toMillis() / POLL.toMillis()), POLL)
				.filter(StillRunning.class::isInstance))
			.map(entry -> {
				if (!entry.fingerprint().equals(fingerprint)) {
					return badKey(request, "The idempotency key '" + key
							+ "' was already used for another request (other operation or input); use a new key for a new request.");
				}
				if (entry.response() == null) {
					return entry.committed() && !entry.running() ? applied(request, key) : stillRunning(request, key);
				}
				Map<String, Object> first = mapper.readValue(entry.response(), new TypeReference<Map<String, Object>>() {
				});
				WebGraphQlResponse response = new WebGraphQlResponse(
						new DefaultExecutionGraphQlResponse(request.toExecutionInput(), ExecutionResult.fromSpecification(first)));
				response.getResponseHeaders().set("Idempotent-Replayed", "true");
				return response;
			})
			.onErrorResume(Exceptions::isRetryExhausted, ex -> Mono.just(stillRunning(request, key)))
			// the first request gave its key back meanwhile: nothing to replay, ask for a retry
			.switchIfEmpty(Mono.fromSupplier(() -> stillRunning(request, key)));
	}

	private static WebGraphQlResponse stillRunning(WebGraphQlRequest request, String key) {
		WebGraphQlResponse response = Refusals.response(request, Refusals.error(ErrorCode.RATE_LIMITED,
				"The first request with the idempotency key '" + key + "' is still running; retry in 1 s.",
				Map.of("retryAfterSeconds", 1)));
		response.getResponseHeaders().set("Retry-After", "1");
		return response;
	}

	/** The first request's writes committed, but it went away before its answer could be kept. */
	private static WebGraphQlResponse applied(WebGraphQlRequest request, String key) {
		return Refusals.response(request, Refusals.error(ErrorCode.BAD_USER_INPUT, "The mutation with the idempotency key '" + key
				+ "' already ran, but its client left before the answer was sent, so it cannot be replayed: read the result,"
				+ " and use a new key for a new request.", Map.of("idempotencyKey", key, "alreadyApplied", true)));
	}

	/**
	 * The response as kept for replays: no secret is stored, whatever a mutation returns (a field named
	 * like a password or a secret is kept as null).
	 */
	static Object withoutSecrets(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new java.util.LinkedHashMap<>();
			map.forEach((name, field) -> copy.put(String.valueOf(name), isSecret(String.valueOf(name)) ? null : withoutSecrets(field)));
			return copy;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(IdempotencyInterceptor::withoutSecrets).toList();
		}
		return value;
	}

	private static boolean isSecret(String name) {
		String lower = name.toLowerCase(java.util.Locale.ROOT);
		return lower.contains("password") || lower.contains("secret");
	}

	private static WebGraphQlResponse badKey(WebGraphQlRequest request, String message) {
		return Refusals.response(request, Refusals.error(ErrorCode.BAD_USER_INPUT, message, Map.of()));
	}

	/** Whether a root field of the mutation returned something: then it may have written, and is kept. */
	private static boolean didSomething(ExecutionResult result) {
		return result.getData() instanceof Map<?, ?> data && data.values().stream().anyMatch(java.util.Objects::nonNull);
	}

	/** The keys given in the root fields' inputs, literal or through variables. */
	private static List<String> inputKeys(OperationDefinition operation, Map<String, Object> variables) {
		List<String> keys = new ArrayList<>();
		for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
			if (!(selection instanceof Field field)) {
				continue;
			}
			field.getArguments().stream().filter(argument -> argument.getName().equals("input")).forEach(argument -> {
				Value<?> input = argument.getValue();
				if (input instanceof VariableReference reference && variables.get(reference.getName()) instanceof Map<?, ?> map
						&& map.get(Idempotency.INPUT_FIELD) instanceof String key) {
					keys.add(key);
				}
				else if (input instanceof ObjectValue object) {
					for (ObjectField objectField : object.getObjectFields()) {
						if (objectField.getName().equals(Idempotency.INPUT_FIELD)) {
							if (objectField.getValue() instanceof StringValue text) {
								keys.add(text.getValue());
							}
							else if (objectField.getValue() instanceof VariableReference reference
									&& variables.get(reference.getName()) instanceof String key) {
								keys.add(key);
							}
						}
					}
				}
			});
		}
		return keys;
	}

	/** SHA-256 of the operation (as parsed, so spacing does not matter) and its variables, keys sorted. */
	private String fingerprint(WebGraphQlRequest request, OperationShape shape) {
		String text = request.getOperationName() + "\n" + AstPrinter.printAstCompact(shape.document) + "\n"
				+ mapper.writeValueAsString(sorted(request.getVariables()));
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object sorted(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new TreeMap<>();
			map.forEach((k, v) -> copy.put(String.valueOf(k), sorted(v)));
			return copy;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(IdempotencyInterceptor::sorted).toList();
		}
		return value;
	}

}
