package org.comptoir.api.notices;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider's API as the tests meet it: the JDK's HTTP server on 127.0.0.1 and a free port, answering
 * each method and raw path with the answers given (in turn, the last one again and again), their bodies the
 * recorded documents in {@code texts/<provider>/}; it keeps every request it received, as it received it.
 */
final class FakeProvider implements AutoCloseable {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();

	private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

	/** A request as it arrived: its raw (still encoded) path, its headers (names in any case), its body. */
	record Received(String method, String path, Map<String, List<String>> headers, String body) {

		String header(String name) {
			List<String> values = headers.get(name);
			return values == null || values.isEmpty() ? null : values.get(0);
		}

		/** The body as a form ({@code application/x-www-form-urlencoded}), decoded. */
		Map<String, String> form() {
			Map<String, String> form = new LinkedHashMap<>();
			for (String pair : body.split("&")) {
				int equals = pair.indexOf('=');
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
			return form;
		}

		JsonNode json() {
			return MAPPER.readTree(body);
		}

	}

	private record Answer(int status, String contentType, byte[] body, Duration delay) {
	}

	private FakeProvider(HttpServer server) {
		this.server = server;
	}

	static FakeProvider start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			FakeProvider fake = new FakeProvider(server);
			server.createContext("/", fake::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return fake;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Answers that method and raw path with the status and the document {@code texts/<document>}, after the ones before. */
	FakeProvider answer(String method, String path, int status, String document) {
		return answer(method, path, status, document, Duration.ZERO);
	}

	/** The same, the answer sent only after that delay (a slow provider). */
	FakeProvider answer(String method, String path, int status, String document, Duration delay) {
		String type = document.endsWith(".json") ? "application/json" : "text/plain";
		answers.computeIfAbsent(method + " " + path, key -> new ArrayDeque<>()).add(new Answer(status, type, read(document), delay));
		return this;
	}

	List<Received> received() {
		return List.copyOf(received);
	}

	Received last() {
		List<Received> all = received();
		return all.get(all.size() - 1);
	}

	/** The requests to that raw path. */
	List<Received> received(String path) {
		return received().stream().filter(request -> request.path().equals(path)).toList();
	}

	@Override
	public void close() {
		server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			headers.putAll(exchange.getRequestHeaders());
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			received.add(new Received(exchange.getRequestMethod(), path, headers, body));
			Answer answer = next(exchange.getRequestMethod() + " " + path);
			if (answer == null) {
				byte[] none = ("no answer for " + exchange.getRequestMethod() + " " + path).getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(404, none.length);
				exchange.getResponseBody().write(none);
				return;
			}
			if (!answer.delay().isZero()) {
				Thread.sleep(answer.delay().toMillis());
			}
			exchange.getResponseHeaders().set("Content-Type", answer.contentType() + "; charset=utf-8");
			exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
			exchange.getResponseBody().write(answer.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Answer next(String key) {
		Deque<Answer> queue = answers.get(key);
		if (queue == null) {
			return null;
		}
		synchronized (queue) {
			return queue.size() > 1 ? queue.poll() : queue.peek();
		}
	}

	private static byte[] read(String document) {
		try (InputStream in = FakeProvider.class.getResourceAsStream("/texts/" + document)) {
			if (in == null) {
				throw new IllegalArgumentException("No test document texts/" + document);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
