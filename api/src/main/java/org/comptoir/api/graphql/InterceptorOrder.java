package org.comptoir.api.graphql;

import org.springframework.core.Ordered;

/**
 * The order of the GraphQL interceptors, for HTTP and WebSocket alike (lower runs first), in one
 * place: each interceptor's {@code @Order} names its position here.
 */
public final class InterceptorOrder {

	/** First, so every error below it, refusals included, gets a contract code. */
	public static final int ERROR_CODES = Ordered.HIGHEST_PRECEDENCE;

	/** A socket's chamber and caller before anything reads them (HTTP: the web filters set them). */
	public static final int SOCKET_VISIT = Ordered.HIGHEST_PRECEDENCE + 1;

	/** Whether the request is the router's, before any limit (federation's {@code _service}). */
	public static final int ROUTER_ONLY = Ordered.HIGHEST_PRECEDENCE + 15;

	/** Static limits: {@code QUERY_TOO_COMPLEX} before any rate budget is spent. */
	public static final int QUERY_LIMITS = Ordered.HIGHEST_PRECEDENCE + 20;

	/** The buckets of the chamber and caller, once the query is known to be admissible. */
	public static final int RATE_LIMIT = Ordered.HIGHEST_PRECEDENCE + 30;

	/** The time budget covers the replay of an idempotent answer as well as an execution. */
	public static final int REQUEST_TIMEOUT = Ordered.HIGHEST_PRECEDENCE + 40;

	/** Keyed on chamber and caller; last before execution, so a refused request stores nothing. */
	public static final int IDEMPOTENCY = Ordered.HIGHEST_PRECEDENCE + 50;

	/** The visit into the GraphQL context, where controllers and batch loaders read it. */
	public static final int VISIT = Ordered.LOWEST_PRECEDENCE;

	private InterceptorOrder() {
	}

}
