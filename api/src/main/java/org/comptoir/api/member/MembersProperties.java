package org.comptoir.api.member;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxUsersPerCompany users a company may have in all, its owner included; invitations past it are refused
 * @param maxInvitationsPerDay colleagues a company's owner may add in 24 hours
 */
@ConfigurationProperties("comptoir.members")
record MembersProperties(@DefaultValue("20") int maxUsersPerCompany, @DefaultValue("10") int maxInvitationsPerDay) {

}
