package org.comptoir.api.matchmaking;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param freeDailyContactRequests contact requests a FREE company may send in 24 hours
 * @param premiumDailyContactRequests the same for a PREMIUM company
 * @param notifiedMatches how many of the best-fitting listings' owners hear of a newly published one
 * @param notifyMinScore the score a listing needs for its owner to hear of a new match
 */
@ConfigurationProperties("comptoir.matchmaking")
record MatchmakingProperties(@DefaultValue("5") int freeDailyContactRequests,
		@DefaultValue("50") int premiumDailyContactRequests, @DefaultValue("5") int notifiedMatches,
		@DefaultValue("0.6") double notifyMinScore) {

	int dailyCap(String tier) {
		return "PREMIUM".equals(tier) ? premiumDailyContactRequests : freeDailyContactRequests;
	}

}
