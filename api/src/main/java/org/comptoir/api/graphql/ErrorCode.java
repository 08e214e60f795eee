package org.comptoir.api.graphql;

import graphql.ErrorClassification;

/** The error codes of the portal contract, carried in {@code extensions.code} (and as the classification). */
public enum ErrorCode implements ErrorClassification {
	UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, TENANT_NOT_FOUND, TENANT_MISMATCH, QUERY_TOO_COMPLEX,
	RATE_LIMITED, INTERNAL
}
