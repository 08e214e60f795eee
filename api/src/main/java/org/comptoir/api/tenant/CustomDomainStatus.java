package org.comptoir.api.tenant;

/** A custom domain asked for (PENDING) or proved by its DNS record (VERIFIED), GraphQL {@code CustomDomainStatus}. */
public enum CustomDomainStatus {
	PENDING, VERIFIED
}
