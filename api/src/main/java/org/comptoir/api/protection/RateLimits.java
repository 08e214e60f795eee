package org.comptoir.api.protection;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets ({@code comptoir.rate-limit.*}), counted in operations: each root field of an
 * operation takes one token, so aliases and several operations do not get around them.
 *
 * @param enabled off only where a deployment limits upstream
 * @param perClient one signed-in user, or one address when anonymous, in one chamber
 * @param perChamber everything addressed to one chamber (one noisy chamber cannot starve the others)
 * @param chambers per chamber slug, other limits (a large chamber, a test chamber)
 * @param maxTrackedClients buckets kept in memory at most (least recently used go first)
 */
@ConfigurationProperties("comptoir.rate-limit")
public record RateLimits(@DefaultValue("true") boolean enabled, Limit perClient, Limit perChamber,
		Map<String, ChamberLimits> chambers, @DefaultValue("100000") int maxTrackedClients) {

	public RateLimits {
		perClient = perClient == null ? new Limit(300, 300, Duration.ofMinutes(1)) : perClient;
		perChamber = perChamber == null ? new Limit(3000, 3000, Duration.ofMinutes(1)) : perChamber;
		chambers = chambers == null ? Map.of() : Map.copyOf(chambers);
	}

	Limit perClient(String chamber) {
		ChamberLimits own = chambers.get(chamber);
		return own != null && own.perClient() != null ? own.perClient() : perClient;
	}

	Limit perChamber(String chamber) {
		ChamberLimits own = chambers.get(chamber);
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

	public record ChamberLimits(Limit perClient, Limit perChamber) {
	}

}
