package org.comptoir.api.protection;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.comptoir.api.graphql.InFlight;

/**
 * The resolver results of one request still running: when the request is abandoned (timeout, client
 * gone), each is cancelled, which cancels its Reactor subscription, and so its SQL
 * ({@link org.comptoir.api.database.TenantTransactions} cancels the statement on the server).
 */
final class InFlightFetches implements InFlight {

	private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();

	private volatile boolean cancelled;

	@Override
	public void track(CompletableFuture<?> future) {
		if (future.isDone()) {
			return;
		}
		running.add(future);
		future.whenComplete((value, error) -> running.remove(future));
		if (cancelled) {
			future.cancel(true);
		}
	}

	void cancelAll() {
		cancelled = true;
		for (CompletableFuture<?> future : running) {
			future.cancel(true);
		}
	}

}
