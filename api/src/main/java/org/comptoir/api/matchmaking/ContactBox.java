package org.comptoir.api.matchmaking;

/** A company's received (INBOX) or sent (OUTBOX) contact requests (GraphQL {@code ContactBox}). */
enum ContactBox {
	INBOX, OUTBOX
}
