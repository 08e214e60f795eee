package org.comptoir.api.matchmaking;

/** A contact request waits for its answer, then is accepted or declined (GraphQL {@code ContactRequestStatus}); stored by name. */
enum ContactRequestStatus {
	PENDING, ACCEPTED, DECLINED
}
