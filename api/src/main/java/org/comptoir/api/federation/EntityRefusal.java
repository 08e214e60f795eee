package org.comptoir.api.federation;

import org.comptoir.api.graphql.ErrorCode;

/**
 * Stands in a batch of entities for one that is not given out: {@link EntityRefusals} turns it into
 * null at its index plus an error with the contract code, as a router expects.
 */
record EntityRefusal(ErrorCode code, String message) {
}
