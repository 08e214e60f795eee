package org.comptoir.api.matchmaking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.graphql.InterceptorOrder;
import org.comptoir.api.identity.BearerTokens;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.RequestIdentity;
import org.comptoir.api.protection.ClientAddress;
import org.comptoir.api.tenant.ChamberResolution;
import org.comptoir.api.tenant.ChamberResolution.Named;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Who is on a GraphQL WebSocket, and for which chamber, resolved once at {@code connection_init}
 * with {@link RequestIdentity}'s check, as for HTTP. The caller is whoever the token presented is:
 * the payload's {@code Authorization}, else the handshake's. The chamber is the payload's
 * {@code X-Tenant}, else the handshake's header or host; a payload naming another chamber than the
 * handshake is {@code TENANT_MISMATCH}. Every operation then runs with exactly that chamber and
 * caller in its context (the handshake's own context never leaks through), and is refused while
 * {@code connection_init} is still being checked.
 * <p>
 * A refused connection is acknowledged and answers every operation with an {@code error} message
 * carrying the contract code, so a client is told why. A socket is closed with {@code 4401} when its
 * token expires: the client connects again with a fresh token. Sockets per user (anonymous: per
 * address) and subscriptions per socket are capped ({@link WebSocketLimits}), over the cap
 * {@code RATE_LIMITED}.
 * <p>
 * Where it runs among the interceptors: {@link InterceptorOrder#SOCKET_VISIT}.
 */
@Component
@Order(InterceptorOrder.SOCKET_VISIT)
class WebSocketConnections implements WebSocketGraphQlInterceptor {

	private static final Logger log = LoggerFactory.getLogger(WebSocketConnections.class);

	private static final String KEY = WebSocketConnections.class.getName();

	/** graphql-transport-ws "Unauthorized"; the reason tells the client what to do. */
	private static final CloseStatus EXPIRED = new CloseStatus(4401, "Unauthorized: the token expired, connect again with a fresh one");

	/** What connection_init established: a chamber and caller, or a refusal; its share of the caps. */
	private record Session(RequestIdentity.Outcome outcome, @Nullable String client, @Nullable Instant expiresAt,
			AtomicInteger subscriptions, Disposable expiry) {
	}

	private final BearerTokens tokens;

	private final ChamberResolution chambers;

	private final RequestIdentity identity;

	private final WebSocketLimits limits;

	private final ClientAddress addresses;

	/** Open sockets per client ("user:realm/id" or "address:ip"), on this instance. */
	private final Map<String, AtomicInteger> sockets = new ConcurrentHashMap<>();

	WebSocketConnections(BearerTokens tokens, ChamberResolution chambers, RequestIdentity identity, WebSocketLimits limits,
			ClientAddress addresses) {
		this.tokens = tokens;
		this.chambers = chambers;
		this.identity = identity;
		this.limits = limits;
		this.addresses = addresses;
	}

	@Override
	public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo info, Map<String, Object> payload) {
		HttpHeaders handshake = info.getHeaders();
		String token = Optional.ofNullable(value(payload, "Authorization")).orElse(handshake.getFirst(HttpHeaders.AUTHORIZATION));
		String payloadChamber = value(payload, "X-Tenant");
		Mono<Optional<Authentication>> authentication = token == null || token.isBlank() ? Mono.just(Optional.empty())
				: tokens.authenticate(token).map(Optional::of);
		Mono<RequestIdentity.Outcome> outcome = chambers.named(handshake.getFirst("X-Tenant"), handshake.getFirst(HttpHeaders.HOST))
			.flatMap(fromHandshake -> payloadChamber == null || payloadChamber.isBlank() ? check(fromHandshake, authentication)
					: chambers.named(payloadChamber, null).flatMap(fromPayload -> fromHandshake.slug() == null
							|| fromHandshake.slug().equals(fromPayload.slug()) ? check(fromPayload, authentication)
									: Mono.just(RequestIdentity.twoChambers(fromHandshake.slug(), fromPayload.slug()))));
		return outcome.map(result -> open(info, result))
			.doOnNext(session -> info.getAttributes().put(KEY, session))
			.then(Mono.empty());
	}

	private Mono<RequestIdentity.Outcome> check(Named named, Mono<Optional<Authentication>> authentication) {
		return authentication.flatMap(user -> identity.check(named, user.orElse(null)))
			.defaultIfEmpty(RequestIdentity.unauthenticated());
	}

	/** The session of a checked connection: counted against its client's cap, closed when its token expires. */
	private Session open(WebSocketSessionInfo info, RequestIdentity.Outcome outcome) {
		if (!(outcome instanceof RequestIdentity.Resolved resolved)) {
			return new Session(outcome, null, null, new AtomicInteger(), Disposables.disposed());
		}
		Optional<Caller> caller = resolved.visit().caller();
		String client = caller.map(c -> "user:" + c.realm() + "/" + c.userId())
			.orElseGet(() -> "address:" + addresses.of(info.getRemoteAddress(), info.getHeaders()));
		int max = caller.isPresent() ? limits.maxSocketsPerUser() : limits.maxSocketsPerAddress();
		AtomicInteger open = sockets.computeIfAbsent(client, key -> new AtomicInteger());
		if (open.incrementAndGet() > max) {
			release(client);
			return new Session(new RequestIdentity.Refused(ErrorCode.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS,
					"Too many open sockets from " + (caller.isPresent() ? "you" : "your address") + " (at most " + max
							+ "): close one before opening another."),
					null, null, new AtomicInteger(), Disposables.disposed());
		}
		Instant expiresAt = resolved.authentication() instanceof JwtAuthenticationToken jwt ? jwt.getToken().getExpiresAt() : null;
		Disposable expiry = Disposables.disposed();
		if (expiresAt != null && info.getAttributes().get(WebSocketEndpoint.SOCKET) instanceof WebSocketSession socket) {
			Duration left = Duration.between(Instant.now(), expiresAt);
			// the close runs apart from the timer: disposing the timer as the socket closes must not cancel the close frame
			expiry = Mono.delay(left.isNegative() ? Duration.ZERO : left)
				.subscribe(tick -> socket.close(EXPIRED)
					.subscribe(null, ex -> log.warn("Could not close an expired socket: {}", ex.toString())));
		}
		return new Session(outcome, client, expiresAt, new AtomicInteger(), expiry);
	}

	@Override
	public void handleConnectionClosed(WebSocketSessionInfo info, int statusCode, Map<String, Object> payload) {
		if (info.getAttributes().remove(KEY) instanceof Session session) {
			session.expiry().dispose();
			if (session.client() != null) {
				release(session.client());
			}
		}
	}

	private void release(String client) {
		sockets.computeIfPresent(client, (key, open) -> open.decrementAndGet() <= 0 ? null : open);
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, WebGraphQlInterceptor.Chain chain) {
		if (!(request instanceof WebSocketGraphQlRequest socket)) {
			return chain.next(request);
		}
		if (!(socket.getSessionInfo().getAttributes().get(KEY) instanceof Session session)) {
			return Mono.just(refused(request, ErrorCode.UNAUTHENTICATED,
					"The connection is not acknowledged yet: wait for connection_ack before subscribing."));
		}
		if (session.outcome() instanceof RequestIdentity.Refused refusal) {
			return Mono.just(refused(request, refusal.code(), refusal.message()));
		}
		if (session.expiresAt() != null && Instant.now().isAfter(session.expiresAt())) {
			return Mono.just(refused(request, ErrorCode.UNAUTHENTICATED, "The token expired: connect again with a fresh one."));
		}
		RequestIdentity.Resolved resolved = (RequestIdentity.Resolved) session.outcome();
		return chain.next(request)
			.map(response -> response.getData() instanceof Publisher<?> stream ? counted(request, response, stream, session)
					: response)
			.contextWrite(context -> written(context, resolved));
	}

	/** A subscription takes a place on its socket for as long as it runs, or is refused when none is left. */
	private WebGraphQlResponse counted(WebGraphQlRequest request, WebGraphQlResponse response, Publisher<?> stream,
			Session session) {
		int max = limits.maxSubscriptionsPerSocket();
		if (session.subscriptions().incrementAndGet() > max) {
			session.subscriptions().decrementAndGet();
			return refused(request, ErrorCode.RATE_LIMITED,
					"Too many subscriptions on this socket (at most " + max + "): complete one before starting another.");
		}
		return response.transform(builder -> builder.data(Flux.from(stream).doFinally(signal -> session.subscriptions().decrementAndGet())));
	}

	/** Exactly the session's visit and token, whatever the handshake left in the context. */
	private static Context written(Context context, RequestIdentity.Resolved resolved) {
		Context visit = resolved.visit().into(context);
		return resolved.authentication() == null ? ReactiveSecurityContextHolder.clearContext().apply(visit)
				: visit.putAll(ReactiveSecurityContextHolder.withAuthentication(resolved.authentication()).readOnly());
	}

	/** A stream that fails at once: the client gets an "error" message with the code, whatever the operation. */
	private static WebGraphQlResponse refused(WebGraphQlRequest request, ErrorCode code, String message) {
		GraphQLError error = GraphqlErrorBuilder.newError()
			.message(message)
			.errorType(code)
			.extensions(Map.of("code", code.name()))
			.build();
		ExecutionResult refused = ExecutionResult.newExecutionResult()
			.data(Flux.error(new SubscriptionPublisherException(List.of(error), null)))
			.build();
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused));
	}

	private static @Nullable String value(@Nullable Map<String, Object> payload, String name) {
		if (payload == null) {
			return null;
		}
		for (Map.Entry<String, Object> entry : payload.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(name) && entry.getValue() instanceof String text) {
				return text;
			}
		}
		return null;
	}

}
