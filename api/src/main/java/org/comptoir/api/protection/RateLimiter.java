package org.comptoir.api.protection;

import java.time.Duration;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

/**
 * Bucket4j token buckets, one per client and two per chamber (anonymous, signed in), in memory: with N
 * instances behind a load balancer each counts its own share (docs/hardening.md names the
 * distributed option, Bucket4j's PostgreSQL or Redis proxy managers, for exact global limits).
 * Buckets idle long enough to be full again are dropped, so memory follows the active clients.
 */
@Component
class RateLimiter {

	/** A refusal: which bucket was empty, and when to retry. */
	record Refusal(String scope, Duration retryAfter) {
	}

	private final RateLimits limits;

	private final Cache<String, Bucket> buckets;

	RateLimiter(RateLimits limits) {
		this.limits = limits;
		Duration idle = Stream.concat(Stream.of(limits.perClient(), limits.perChamber(), limits.perChamberAnonymous()),
				limits.chambers().values().stream().flatMap(c -> Stream.of(c.perClient(), c.perChamber(), c.perChamberAnonymous())))
			.filter(java.util.Objects::nonNull)
			.map(RateLimits.Limit::fullRefill)
			.max(Duration::compareTo)
			.orElse(Duration.ofMinutes(1));
		this.buckets = Caffeine.newBuilder().maximumSize(limits.maxTrackedClients()).expireAfterAccess(idle).build();
	}

	/**
	 * Takes {@code operations} tokens for this client of this chamber, from the chamber's anonymous or
	 * signed-in bucket; empty when both buckets had them.
	 */
	java.util.Optional<Refusal> take(String chamber, String client, boolean anonymous, long operations) {
		if (!limits.enabled()) {
			return java.util.Optional.empty();
		}
		RateLimits.Limit clientLimit = limits.perClient(chamber);
		Bucket clientBucket = bucket("client:" + chamber + ":" + client, clientLimit);
		long clientTokens = Math.min(operations, clientLimit.capacity());
		ConsumptionProbe probe = clientBucket.tryConsumeAndReturnRemaining(clientTokens);
		if (!probe.isConsumed()) {
			return java.util.Optional.of(new Refusal("client", Duration.ofNanos(probe.getNanosToWaitForRefill())));
		}
		RateLimits.Limit chamberLimit = limits.perChamber(chamber, anonymous);
		Bucket chamberBucket = bucket((anonymous ? "chamber-anonymous:" : "chamber:") + chamber, chamberLimit);
		ConsumptionProbe chamberProbe = chamberBucket.tryConsumeAndReturnRemaining(Math.min(operations, chamberLimit.capacity()));
		if (!chamberProbe.isConsumed()) {
			clientBucket.addTokens(clientTokens); // refused as a whole: the client's share is not spent
			return java.util.Optional.of(new Refusal(anonymous ? "chamberAnonymous" : "chamber", Duration.ofNanos(chamberProbe.getNanosToWaitForRefill())));
		}
		return java.util.Optional.empty();
	}

	private Bucket bucket(String key, RateLimits.Limit limit) {
		return buckets.get(key, k -> Bucket.builder()
			.addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.refill(), limit.period()))
			.build());
	}

}
