package org.comptoir.api.notices;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param portalUrl a chamber's portal, where links in notices lead: {@code {slug}} is replaced by the chamber's
 * (a chamber's proved custom domain is used instead when it has one)
 * @param apiUrl where the one-click unsubscribe links point (this API, as mail readers reach it)
 * @param maxAttempts an e-mail tried this many times without success is FAILED (admins see it)
 * @param sweep how often every chamber's pending work is looked at, besides the wake-up each new notice sends
 * @param emailCapPerHour e-mails to one address in an hour past which the next ones are CAPPED (not sent; the bell has them)
 * @param bounceThreshold refusals of an address in a row after which the user's channel (e-mail, SMS, WhatsApp) is turned off
 * @param textCapPerHour texts (SMS, WhatsApp) to one phone in an hour past which the next ones are CAPPED
 * @param verificationCodesPerHour codes a user may have sent to phones in an hour
 */
@ConfigurationProperties("comptoir.notices")
record NoticeProperties(@DefaultValue("http://{slug}.localhost:8080") String portalUrl,
		@DefaultValue("http://localhost:8080") String apiUrl, @DefaultValue("6") int maxAttempts,
		@DefaultValue("30s") Duration sweep, @DefaultValue("20") int emailCapPerHour, @DefaultValue("3") int bounceThreshold,
		@DefaultValue("5") int textCapPerHour, @DefaultValue("3") int verificationCodesPerHour) {
}
