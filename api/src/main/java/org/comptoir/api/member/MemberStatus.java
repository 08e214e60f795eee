package org.comptoir.api.member;

/** Where a company stands in its chamber (GraphQL {@code MemberStatus}); stored by name. */
public enum MemberStatus {
	PENDING, ACTIVE, REJECTED, SUSPENDED
}
