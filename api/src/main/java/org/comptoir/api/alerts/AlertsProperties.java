package org.comptoir.api.alerts;

import java.time.Duration;

import org.comptoir.api.member.MemberTier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param freeSavedSearches saved searches a FREE company keeps at a time
 * @param premiumSavedSearches the same for a PREMIUM company
 * @param interval how often every chamber's saved searches are run over the new listings (a publication on
 *        this instance also wakes the job)
 * @param batch saved searches run in one transaction (one statement matches them all)
 */
@ConfigurationProperties("comptoir.alerts")
record AlertsProperties(@DefaultValue("3") int freeSavedSearches, @DefaultValue("25") int premiumSavedSearches,
		@DefaultValue("60s") Duration interval, @DefaultValue("500") int batch) {

	int limit(MemberTier tier) {
		return tier == MemberTier.PREMIUM ? premiumSavedSearches : freeSavedSearches;
	}

}
