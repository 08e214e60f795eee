package org.comptoir.api.matchmaking;

import java.util.Optional;
import java.util.UUID;

/**
 * What one instance tells every instance (itself included) through PostgreSQL {@code NOTIFY}: ids
 * only, never a message body or a name, so a payload says nothing to whoever reads the channel. The
 * listening instance reads the rows again, as the subscriber may see them.
 */
sealed interface MatchmakingEvent {

	/** A message was added to a conversation (stored in its home chamber). */
	record MessageAdded(UUID homeTenantId, UUID conversationId, UUID messageId) implements MatchmakingEvent {
	}

	/** An event for one company: its chamber and its member id. */
	sealed interface ForCompany extends MatchmakingEvent {

		UUID tenantId();

		UUID memberId();

	}

	/** A company received a contact request (its copy is in the company's chamber). */
	record ContactRequestReceived(UUID tenantId, UUID memberId, UUID contactRequestId) implements ForCompany {
	}

	/** A newly published listing fits one of a company's listings. */
	record MatchFound(UUID tenantId, UUID memberId, UUID listingId, UUID matchTenantId, UUID matchListingId,
			double score) implements ForCompany {
	}

	/** The NOTIFY payload: a type letter and ids, separated by spaces. */
	static String encode(MatchmakingEvent event) {
		if (event instanceof MessageAdded m) {
			return "M " + m.homeTenantId() + " " + m.conversationId() + " " + m.messageId();
		}
		if (event instanceof ContactRequestReceived c) {
			return "C " + c.tenantId() + " " + c.memberId() + " " + c.contactRequestId();
		}
		MatchFound f = (MatchFound) event;
		return "F " + f.tenantId() + " " + f.memberId() + " " + f.listingId() + " " + f.matchTenantId() + " "
				+ f.matchListingId() + " " + f.score();
	}

	/** The event of a payload; empty for one this version does not know. */
	static Optional<MatchmakingEvent> decode(String payload) {
		try {
			String[] p = payload.split(" ");
			switch (p[0]) {
				case "M":
					return Optional.of(new MessageAdded(UUID.fromString(p[1]), UUID.fromString(p[2]), UUID.fromString(p[3])));
				case "C":
					return Optional.of(new ContactRequestReceived(UUID.fromString(p[1]), UUID.fromString(p[2]),
							UUID.fromString(p[3])));
				case "F":
					return Optional.of(new MatchFound(UUID.fromString(p[1]), UUID.fromString(p[2]), UUID.fromString(p[3]),
							UUID.fromString(p[4]), UUID.fromString(p[5]), Double.parseDouble(p[6])));
				default:
					return Optional.empty();
			}
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

}
