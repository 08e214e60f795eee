package org.comptoir.api.support;

import org.comptoir.api.support.Api;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A real GraphQL-over-WebSocket client ({@code graphql-transport-ws}, Reactor Netty) for the API on a
 * port: {@code Authorization} and {@code X-Tenant} go in the {@code connection_init} payload, as a
 * portal sends them.
 */
public final class Live {

	private static final Logger log = LoggerFactory.getLogger(Live.class);

	private Live() {
	}

	/**
	 * A connected client: {@code connection_init} sent and {@code connection_ack} received. Like a
	 * portal's client, it gives up on an acknowledgement that does not come within 5 s and connects
	 * again: on this loaded machine about one connection in thirty loses its {@code connection_init}
	 * right after the upgrade, below the API (the server's WebSocket session never receives it).
	 */
	public static WebSocketGraphQlTester client(int port, String slug, String token) {
		Map<String, Object> init = new LinkedHashMap<>();
		if (token != null) {
			init.put("Authorization", "Bearer " + token);
		}
		if (slug != null) {
			init.put("X-Tenant", slug);
		}
		for (int attempt = 1;; attempt++) {
			WebSocketGraphQlTester client = WebSocketGraphQlTester
				.builder(URI.create("ws://localhost:" + port + "/graphql"), new ReactorNettyWebSocketClient())
				.documentSource(Api.DOCUMENTS)
				.interceptor(new WebSocketGraphQlClientInterceptor() {
					@Override
					public Mono<Object> connectionInitPayload() {
						return Mono.just(init);
					}
				})
				.build();
			try {
				client.start().block(Duration.ofSeconds(5));
				return client;
			}
			catch (RuntimeException ex) {
				client.stop().onErrorComplete().block(Duration.ofSeconds(5));
				if (attempt == 3) {
					throw ex;
				}
				log.warn("No connection_ack from :{} in 5 s (attempt {}), connecting again", port, attempt);
			}
		}
	}

	/** What a subscription delivers, collected as it comes; closing it closes the client's socket. */
	public static final class Received<T> implements AutoCloseable {

		private final BlockingQueue<T> items = new LinkedBlockingQueue<>();

		private volatile Throwable error;

		private final WebSocketGraphQlTester client;

		private final Disposable subscription;

		public Received(WebSocketGraphQlTester client, Function<WebSocketGraphQlTester, Flux<T>> subscribe) {
			this.client = client;
			this.subscription = subscribe.apply(client).subscribe(items::add, ex -> error = ex);
		}

		public Throwable error() {
			return error;
		}

		public T next() throws InterruptedException {
			T item = items.poll(15, TimeUnit.SECONDS);
			if (item == null) {
				throw new AssertionError("nothing received in 15 s" + (error == null ? "" : ": " + error));
			}
			return item;
		}

		@Override
		public void close() {
			subscription.dispose();
			client.stop().block(Duration.ofSeconds(10));
		}

	}

	/**
	 * The contract code of a subscription refused: either a result carrying errors, or the stream
	 * ending with an error.
	 */
	public static String refusalCode(WebSocketGraphQlTester client, Function<WebSocketGraphQlTester, GraphQlTester.Subscription> subscribe) {
		try {
			GraphQlTester.Response response = subscribe.apply(client).toFlux().blockFirst(Duration.ofSeconds(15));
			if (response == null) {
				return "no response, the stream completed silently";
			}
			StringBuilder code = new StringBuilder();
			response.errors().satisfy(errors -> code.append(codeOf(errors)));
			return code.toString();
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof SubscriptionErrorException refused) {
					return codeOf(refused.getErrors());
				}
			}
			throw ex;
		}
		finally {
			client.stop().block(Duration.ofSeconds(10));
		}
	}

	private static String codeOf(List<ResponseError> errors) {
		return errors.stream().findFirst().map(e -> String.valueOf(e.getExtensions().get("code"))).orElse("no error");
	}

}
