package org.comptoir.api.matchmaking;

import java.util.UUID;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What other features ask of matchmaking: the ledger of contact requests the chamber's companies made. */
@Component
public class ContactLedger {

	private final ContactRequestRepository requests;

	ContactLedger(ContactRequestRepository requests) {
		this.requests = requests;
	}

	/** Contact requests the chamber's companies sent or received in the last 30 days (each counted once). */
	public Mono<Integer> countLast30Days(UUID tenantId) {
		return requests.countSince(tenantId, 30);
	}

}
