package org.comptoir.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local run's text provider: an HTTP server on 127.0.0.1 that answers as Africa's Talking's messaging
 * API ({@code POST /version1/messaging}) and as the WhatsApp Cloud API ({@code POST /{version}/{phone-number-id}/messages})
 * do, so the API's own adapters (AfricasTalkingSms, WhatsAppCloud) send there, over HTTP, exactly as they
 * would to the providers. What it received is kept in memory, read at {@code /local/texts}; stopped with the JVM.
 */
final class LocalTexts {

	static final String HOST = "127.0.0.1";

	/** The credentials the API is configured with here, and the only ones this server takes. */
	static final String KEY = "local";

	private static final Pattern WHATSAPP = Pattern.compile("/v[0-9.]+/([^/]+)/messages");

	private final HttpServer server;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final Deque<SentText> received = new ConcurrentLinkedDeque<>();

	private final AtomicLong ids = new AtomicLong();

	private LocalTexts(HttpServer server) {
		this.server = server;
	}

	/** Started on that port, 0: a free one. */
	static LocalTexts start(int port) {
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(HOST, port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The local text provider cannot listen on " + HOST + ":" + port
					+ " (set comptoir.local.texts-port, 0 for a free port)", ex);
		}
		LocalTexts texts = new LocalTexts(server);
		server.createContext("/", texts::handle);
		server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
			Thread thread = new Thread(runnable, "local-texts");
			thread.setDaemon(true);
			return thread;
		}));
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "local-texts-stop"));
		return texts;
	}

	int port() {
		return server.getAddress().getPort();
	}

	String baseUrl() {
		return "http://" + HOST + ":" + port();
	}

	/** What the API is configured with, as defaults: both channels through the real adapters, to this server. */
	Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("comptoir.notices.texts.sms.provider", "africastalking");
		properties.put("comptoir.notices.texts.africastalking.username", KEY);
		properties.put("comptoir.notices.texts.africastalking.api-key", KEY);
		properties.put("comptoir.notices.texts.africastalking.base-url", baseUrl());
		properties.put("comptoir.notices.texts.whatsapp.phone-number-id", KEY);
		properties.put("comptoir.notices.texts.whatsapp.token", KEY);
		properties.put("comptoir.notices.texts.whatsapp.base-url", baseUrl());
		return properties;
	}

	/** The texts received, newest first; to that phone only unless null (its digits: a query's + may arrive as a space). */
	List<SentText> received(String to) {
		List<SentText> texts = new ArrayList<>();
		received.descendingIterator().forEachRemaining(text -> {
			if (to == null || digits(to).equals(digits(text.to()))) {
				texts.add(text);
			}
		});
		return texts;
	}

	void clear() {
		received.clear();
	}

	void stop() {
		server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Matcher whatsapp = WHATSAPP.matcher(path);
			if (!"POST".equals(exchange.getRequestMethod())) {
				reply(exchange, 405, "text/plain", "POST only");
			}
			else if (path.equals("/version1/messaging")) {
				africasTalking(exchange, body);
			}
			else if (whatsapp.matches()) {
				whatsApp(exchange, body);
			}
			else {
				reply(exchange, 404, "text/plain", "No such API here: " + path);
			}
		}
	}

	/** As Africa's Talking answers: 401 without the key, else a recipient each, 101 Success. */
	private void africasTalking(HttpExchange exchange, String body) throws IOException {
		if (!KEY.equals(exchange.getRequestHeaders().getFirst("apiKey"))) {
			reply(exchange, 401, "text/plain", "The supplied authentication is invalid");
			return;
		}
		Map<String, String> form = form(body);
		List<Map<String, Object>> recipients = new ArrayList<>();
		for (String to : form.getOrDefault("to", "").split(",")) {
			String id = "ATXid_local-" + ids.incrementAndGet();
			received.add(new SentText("SMS", to.strip(), form.get("message"), null, null, id, Instant.now()));
			recipients.add(Map.of("cost", "KES 0.0000", "messageId", id, "messageParts", 1, "number", to.strip(),
					"status", "Success", "statusCode", 101));
		}
		reply(exchange, 201, "application/json", mapper.writeValueAsString(Map.of("SMSMessageData",
				Map.of("Message", "Sent to " + recipients.size() + "/" + recipients.size() + " Total Cost: KES 0.0000",
						"Recipients", recipients))));
	}

	/** As the Cloud API answers: 401 (code 190) without the token, 400 (code 100) for what is not a template, else a wamid. */
	private void whatsApp(HttpExchange exchange, String body) throws IOException {
		if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			reply(exchange, 401, "application/json", error(190, "Invalid OAuth access token - Cannot parse access token"));
			return;
		}
		JsonNode message;
		try {
			message = mapper.readTree(body);
		}
		catch (JacksonException ex) {
			reply(exchange, 400, "application/json", error(100, "Invalid parameter"));
			return;
		}
		JsonNode template = message.path("template");
		if (!"template".equals(message.path("type").asString("")) || template.path("name").asString("").isEmpty()) {
			reply(exchange, 400, "application/json", error(100, "Invalid parameter"));
			return;
		}
		String to = message.path("to").asString("");
		String id = "wamid.local-" + ids.incrementAndGet();
		String reference = message.path("biz_opaque_callback_data").asString(null);
		received.add(new SentText("WHATSAPP", to, template.path("components").path(0).path("parameters").path(0).path("text").asString(""),
				template.path("language").path("code").asString(null), reference, id, Instant.now()));
		reply(exchange, 200, "application/json", mapper.writeValueAsString(Map.of("messaging_product", "whatsapp",
				"contacts", List.of(Map.of("input", to, "wa_id", to.replace("+", ""))),
				"messages", List.of(Map.of("id", id, "message_status", "accepted")))));
	}

	private String error(int code, String message) {
		return mapper.writeValueAsString(Map.of("error", Map.of("message", "(#" + code + ") " + message, "type", "OAuthException",
				"code", code, "fbtrace_id", "local")));
	}

	private static String digits(String phone) {
		return phone.replaceAll("[^0-9]", "");
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

}
