package org.comptoir.api.matchmaking;

import org.comptoir.api.member.MemberTier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param freeDailyContactRequests contact requests a FREE company may send in 24 hours
 * @param premiumDailyContactRequests the same for a PREMIUM company
 * @param notifiedMatches how many of the best-fitting listings' owners hear of a newly published one
 * @param notifyMinScore the score a listing needs for its owner to hear of a new match
 * @param notificationQueue publications waiting for their matches to be told; more are dropped with a warning
 * @param notificationConcurrency publications whose matches are scored at the same time
 */
@ConfigurationProperties("comptoir.matchmaking")
record MatchmakingProperties(@DefaultValue("5") int freeDailyContactRequests,
		@DefaultValue("50") int premiumDailyContactRequests, @DefaultValue("5") int notifiedMatches,
		@DefaultValue("0.6") double notifyMinScore, @DefaultValue("1000") int notificationQueue,
		@DefaultValue("2") int notificationConcurrency) {

	int dailyCap(MemberTier tier) {
		return tier == MemberTier.PREMIUM ? premiumDailyContactRequests : freeDailyContactRequests;
	}

}
