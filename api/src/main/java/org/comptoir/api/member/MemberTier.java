package org.comptoir.api.member;

/** A company's plan (GraphQL {@code MemberTier}): the FREE one has quotas; stored by name. */
public enum MemberTier {
	FREE, PREMIUM
}
