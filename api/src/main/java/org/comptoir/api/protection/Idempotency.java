package org.comptoir.api.protection;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Idempotent mutations ({@code comptoir.idempotency.*}).
 *
 * @param retention how long a key and its first response are kept
 * @param waitForFirst how long a retry waits for the first request with its key to finish (null: the request timeout)
 */
@ConfigurationProperties("comptoir.idempotency")
public record Idempotency(@DefaultValue("24h") Duration retention, Duration waitForFirst) {

	/** The header; WebSocket clients put the key in the mutation's input, field {@code idempotencyKey}. */
	public static final String HEADER = "Idempotency-Key";

	public static final String INPUT_FIELD = "idempotencyKey";

}
