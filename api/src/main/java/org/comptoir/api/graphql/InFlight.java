package org.comptoir.api.graphql;

import java.util.concurrent.CompletableFuture;

/**
 * What one request still waits for, in its GraphQL context under this type: cancelled together when the
 * request is abandoned (timeout, client gone), so their SQL stops. Given by {@code protection}; a
 * resolver's result and a compiled page's load are tracked.
 */
public interface InFlight {

	void track(CompletableFuture<?> future);

}
