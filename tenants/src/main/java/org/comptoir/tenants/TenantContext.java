package org.comptoir.tenants;

import java.util.Optional;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The resolved chamber in the Reactor context: written once per request by the web layer, read by
 * whatever runs downstream. Never a thread-local: a reactive request hops threads.
 */
public final class TenantContext {

	private static final Class<CurrentTenant> KEY = CurrentTenant.class;

	private TenantContext() {
	}

	public static Context with(Context context, CurrentTenant tenant) {
		return context.put(KEY, tenant);
	}

	public static Optional<CurrentTenant> get(ContextView context) {
		return context.getOrEmpty(KEY);
	}

	/** The current chamber, empty when the request has none (e.g. the network directory). */
	public static Mono<CurrentTenant> current() {
		return Mono.deferContextual(ctx -> Mono.justOrEmpty(get(ctx)));
	}

}
