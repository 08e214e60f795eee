package org.comptoir.api.protection;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets ({@code comptoir.rate-limit.*}), counted in operations: each root field of an
 * operation takes one token, so aliases and several operations do not get around them.
 *
 * @param enabled off only where a deployment limits upstream
 * @param perClient one signed-in user, or one address when anonymous, in one chamber
 * @param perChamber everything signed-in callers address to one chamber (one noisy chamber cannot
 * starve the others)
 * @param perChamberAnonymous everything anonymous visitors address to one chamber: a bucket apart, so
 * visitors (a handful of addresses) cannot empty the members' budget
 * @param chambers per chamber slug, other limits (a large chamber, a test chamber)
 * @param maxTrackedClients buckets kept in memory at most (least recently used go first)
 * @param trustedProxies addresses or CIDRs of the reverse proxies in front of the API: behind them the
 * client is the right-most {@code X-Forwarded-For} hop that is not one of them; empty (the default),
 * the socket's address is the client and {@code X-Forwarded-For} is ignored
 * @param trustedForwarders servers that forward their visitors' requests (a portal's server side): one
 * sending {@code X-Forwarder-Secret} with its secret is counted by the visitor address it puts in
 * {@code X-Forwarded-For}, not as one client
 */
@ConfigurationProperties("comptoir.rate-limit")
public record RateLimits(@DefaultValue("true") boolean enabled, Limit perClient, Limit perChamber, Limit perChamberAnonymous,
		Map<String, ChamberLimits> chambers, @DefaultValue("100000") int maxTrackedClients, List<String> trustedProxies,
		List<Forwarder> trustedForwarders) {

	public RateLimits {
		perClient = perClient == null ? new Limit(300, 300, Duration.ofMinutes(1)) : perClient;
		perChamber = perChamber == null ? new Limit(3000, 3000, Duration.ofMinutes(1)) : perChamber;
		perChamberAnonymous = perChamberAnonymous == null ? new Limit(3000, 3000, Duration.ofMinutes(1)) : perChamberAnonymous;
		chambers = chambers == null ? Map.of() : Map.copyOf(chambers);
		trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
		trustedForwarders = trustedForwarders == null ? List.of() : List.copyOf(trustedForwarders);
	}

	Limit perClient(String chamber) {
		ChamberLimits own = chambers.get(chamber);
		return own != null && own.perClient() != null ? own.perClient() : perClient;
	}

	Limit perChamber(String chamber, boolean anonymous) {
		ChamberLimits own = chambers.get(chamber);
		if (anonymous) {
			return own != null && own.perChamberAnonymous() != null ? own.perChamberAnonymous() : perChamberAnonymous;
		}
		return own != null && own.perChamber() != null ? own.perChamber() : perChamber;
	}

	/**
	 * @param capacity the burst: tokens a full bucket holds
	 * @param refill tokens added back per period, continuously
	 * @param period the refill period
	 */
	public record Limit(long capacity, long refill, Duration period) {

		/** How long an emptied bucket takes to fill up again. */
		Duration fullRefill() {
			return period.multipliedBy(Math.max(1, (capacity + refill - 1) / Math.max(refill, 1)));
		}
	}

	public record ChamberLimits(Limit perClient, Limit perChamber, Limit perChamberAnonymous) {
	}

	/**
	 * @param name who it is (a portal), for the logs and the operator
	 * @param secret what it sends in {@code X-Forwarder-Secret}
	 */
	public record Forwarder(String name, String secret) {
	}

}
