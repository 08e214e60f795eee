package org.comptoir.api.graphql;

/** The error codes of the portal contract, carried in {@code extensions.code}. */
public enum ErrorCode {
	UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, TENANT_NOT_FOUND, TENANT_MISMATCH, QUERY_TOO_COMPLEX,
	RATE_LIMITED, INTERNAL
}
