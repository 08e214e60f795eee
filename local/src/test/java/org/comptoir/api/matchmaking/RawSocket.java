package org.comptoir.api.matchmaking;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@code graphql-transport-ws} socket (the JDK's WebSocket client) spoken by hand: any headers on the
 * handshake, any {@code connection_init} payload, and what the server sends, close status included.
 */
final class RawSocket implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();

	private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

	private final AtomicInteger ids = new AtomicInteger();

	private WebSocket socket;

	private RawSocket() {
	}

	/**
	 * Connects, sends {@code connection_init} and waits for {@code connection_ack}; like {@link Live},
	 * connects again when the acknowledgement does not come within 5 s (a lost init on a loaded machine).
	 */
	static RawSocket open(int port, HttpHeaders handshake, Map<String, Object> init) {
		for (int attempt = 1;; attempt++) {
			RawSocket socket = new RawSocket();
			socket.connect(port, handshake, init);
			Map<String, Object> ack = socket.poll(Duration.ofSeconds(5));
			if (ack != null && "connection_ack".equals(ack.get("type"))) {
				return socket;
			}
			socket.close();
			if (attempt == 3 || ack != null || socket.closed.isDone()) {
				throw new AssertionError("no connection_ack: " + (ack != null ? ack : socket.closed.getNow(null)));
			}
		}
	}

	private void connect(int port, HttpHeaders handshake, Map<String, Object> init) {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
			.subprotocols("graphql-transport-ws")
			.connectTimeout(Duration.ofSeconds(10));
		handshake.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
		WebSocket.Listener listener = new WebSocket.Listener() {
			private final StringBuilder text = new StringBuilder();

			@Override
			public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
				text.append(data);
				if (last) {
					received.add(JSON.readValue(text.toString(), new TypeReference<Map<String, Object>>() {
					}));
					text.setLength(0);
				}
				webSocket.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
				closed.complete(new CloseStatus(statusCode, reason));
				return null;
			}

			@Override
			public void onError(WebSocket webSocket, Throwable error) {
				closed.completeExceptionally(error);
			}
		};
		try {
			socket = builder.buildAsync(URI.create("ws://localhost:" + port + "/graphql"), listener).get(15, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			closed.completeExceptionally(ex);
			return;
		}
		send(Map.of("type", "connection_init", "payload", init));
	}

	private void send(Map<String, Object> message) {
		if (socket != null) {
			socket.sendText(JSON.writeValueAsString(message), true).join();
		}
	}

	/** Starts an operation; returns its id. */
	String subscribe(String document, Map<String, Object> variables) {
		String id = Integer.toString(ids.incrementAndGet());
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("query", document);
		payload.put("variables", variables);
		send(Map.of("id", id, "type", "subscribe", "payload", payload));
		return id;
	}

	/** Stops a running subscription. */
	void complete(String id) {
		send(Map.of("id", id, "type", "complete"));
	}

	/** Runs a query or mutation: its {@code next} payload, or {@code {"errors": ...}} for an {@code error} message. */
	Map<String, Object> run(String document, Map<String, Object> variables) {
		String id = subscribe(document, variables);
		Map<String, Object> answer = next(id, Duration.ofSeconds(20));
		if (answer == null) {
			throw new AssertionError("no answer to " + id + " in 20 s; closed: " + closed.getNow(null));
		}
		return answer;
	}

	/** The first {@code next} or {@code error} for this id within the timeout, as a GraphQL response; null if none. */
	@SuppressWarnings("unchecked")
	Map<String, Object> next(String id, Duration timeout) {
		long end = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < end) {
			Map<String, Object> message = poll(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
			if (message == null) {
				return null;
			}
			if (!id.equals(message.get("id"))) {
				continue;
			}
			if ("next".equals(message.get("type"))) {
				return (Map<String, Object>) message.get("payload");
			}
			if ("error".equals(message.get("type"))) {
				return Map.of("errors", message.get("payload"));
			}
		}
		return null;
	}

	/** The contract code of a GraphQL response's first error, null without errors. */
	@SuppressWarnings("unchecked")
	static String code(Map<String, Object> response) {
		List<Map<String, Object>> errors = (List<Map<String, Object>>) response.get("errors");
		if (errors == null || errors.isEmpty()) {
			return null;
		}
		Map<String, Object> extensions = (Map<String, Object>) errors.get(0).get("extensions");
		return extensions == null ? null : (String) extensions.get("code");
	}

	/** A value of a GraphQL response's data, by dotted path. */
	@SuppressWarnings("unchecked")
	static Object data(Map<String, Object> response, String path) {
		Object current = response.get("data");
		for (String part : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = ((Map<String, Object>) map).get(part);
		}
		return current;
	}

	/** How the server closed the socket, null if it did not within the timeout. */
	CloseStatus awaitClose(Duration timeout) {
		try {
			return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			return null;
		}
		catch (Exception ex) {
			throw new AssertionError("the socket failed", ex);
		}
	}

	private Map<String, Object> poll(Duration timeout) {
		try {
			return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	@Override
	public void close() {
		if (socket != null && !socket.isOutputClosed()) {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(ex -> null).join();
		}
		if (socket != null) {
			socket.abort();
		}
	}

}
