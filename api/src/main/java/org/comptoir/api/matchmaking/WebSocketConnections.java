package org.comptoir.api.matchmaking;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.comptoir.api.ComptoirProperties;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.identity.BearerTokens;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.tenants.CurrentTenant;
import org.comptoir.tenants.TenantContext;
import org.comptoir.tenants.TenantResolver;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who is on a GraphQL WebSocket, and for which chamber: from the {@code connection_init} payload
 * ({@code Authorization}, {@code X-Tenant}), checked exactly as an HTTP request is (trusted issuers,
 * signature, audience, expiry; the token's realm must be the chamber named, else
 * {@code TENANT_MISMATCH}; with none named, the realm names it). The connection is acknowledged
 * either way; a refused one answers every operation with an {@code error} message carrying the
 * contract code, so a client is told why instead of being disconnected or left with a silent stream.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class WebSocketConnections implements WebSocketGraphQlInterceptor {

	private static final String KEY = WebSocketConnections.class.getName();

	/** What connection_init established: a chamber and a user (each may be absent), or a refusal. */
	record Session(@Nullable CurrentTenant tenant, @Nullable Authentication authentication, @Nullable ErrorCode refusal,
			@Nullable String reason) {

		static Session refused(ErrorCode code, String reason) {
			return new Session(null, null, code, reason);
		}
	}

	private final BearerTokens tokens;

	private final TenantRegistry registry;

	private final TenantResolver resolver;

	WebSocketConnections(BearerTokens tokens, TenantRegistry registry, ComptoirProperties properties) {
		this.tokens = tokens;
		this.registry = registry;
		this.resolver = new TenantResolver(properties.baseDomain(), registry::slugOfDomain);
	}

	@Override
	public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo info, Map<String, Object> payload) {
		String authorization = value(payload, "Authorization");
		String host = info.getHeaders().getFirst("Host");
		String header = Optional.ofNullable(value(payload, "X-Tenant")).orElse(info.getHeaders().getFirst("X-Tenant"));
		TenantResolver.Resolution resolution = resolver.resolve(header, host);
		boolean isNamed = resolution instanceof TenantResolver.Resolution.Named;
		Mono<Optional<CurrentTenant>> named = resolution instanceof TenantResolver.Resolution.Named n
				? registry.bySlug(n.slug()).map(t -> Optional.of(t.asCurrent())).defaultIfEmpty(Optional.empty())
				: Mono.just(Optional.<CurrentTenant>empty());
		return named.flatMap(tenant -> {
			if (isNamed && tenant.isEmpty()) {
				return Mono.just(Session.refused(ErrorCode.TENANT_NOT_FOUND, "No chamber '" + header + "'."));
			}
			if (authorization == null || authorization.isBlank()) {
				return Mono.just(new Session(tenant.orElse(null), null, null, null));
			}
			return tokens.authenticate(authorization)
				.flatMap(authentication -> withTenant(tenant, authentication))
				.defaultIfEmpty(Session.refused(ErrorCode.UNAUTHENTICATED,
						"The bearer token is invalid, expired, or from a realm this API does not trust."));
		}).doOnNext(session -> info.getAttributes().put(KEY, session)).then(Mono.empty());
	}

	/** The third rule of tenant resolution, and its guard, as for HTTP. */
	private Mono<Session> withTenant(Optional<CurrentTenant> named, Authentication authentication) {
		Caller caller = Caller.require(authentication);
		if (named.isPresent()) {
			return Mono.just(named.get().slug().equals(caller.realm()) ? new Session(named.get(), authentication, null, null)
					: Session.refused(ErrorCode.TENANT_MISMATCH,
							"This token is from realm '" + caller.realm() + "', not from chamber '" + named.get().slug() + "'."));
		}
		return registry.bySlug(caller.realm())
			.map(Tenant::asCurrent)
			.map(tenant -> new Session(tenant, authentication, null, null))
			.defaultIfEmpty(new Session(null, authentication, null, null));
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, WebGraphQlInterceptor.Chain chain) {
		if (!(request instanceof WebSocketGraphQlRequest socket)) {
			return chain.next(request);
		}
		Session session = (Session) socket.getSessionInfo().getAttributes().get(KEY);
		if (session == null) {
			return chain.next(request);
		}
		if (session.refusal() != null) {
			// a stream that fails at once: the client gets an "error" message with the code, whatever the operation
			GraphQLError error = GraphqlErrorBuilder.newError()
				.message(session.reason())
				.errorType(session.refusal())
				.extensions(Map.of("code", session.refusal().name()))
				.build();
			ExecutionResult refused = ExecutionResult.newExecutionResult()
				.data(Flux.error(new SubscriptionPublisherException(List.of(error), null)))
				.build();
			return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused)));
		}
		return chain.next(request).contextWrite(context -> {
			var written = session.tenant() == null ? context : TenantContext.with(context, session.tenant());
			return session.authentication() == null ? written
					: written.putAll(ReactiveSecurityContextHolder.withAuthentication(session.authentication()).readOnly());
		});
	}

	private static String value(Map<String, Object> payload, String name) {
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
