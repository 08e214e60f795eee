package org.comptoir.api.matchmaking;

import java.util.List;

import org.comptoir.api.graphql.UserError;
import org.comptoir.api.listing.Listing;

/** The GraphQL inputs and payloads of matchmaking. */
final class MatchmakingInputs {

	private MatchmakingInputs() {
	}

	record RequestContactInput(String listingId, String memberId, String message) {
	}

	record RespondToContactRequestInput(String contactRequestId, Boolean accept, String message) {
	}

	record SendMessageInput(String conversationId, String body) {
	}

	record ContactRequestPayload(ContactRequest contactRequest, List<UserError> userErrors) {

		static ContactRequestPayload ok(ContactRequest request) {
			return new ContactRequestPayload(request, List.of());
		}

		static ContactRequestPayload error(UserError error) {
			return new ContactRequestPayload(null, List.of(error));
		}
	}

	record MessagePayload(Message message, List<UserError> userErrors) {

		static MessagePayload error(UserError error) {
			return new MessagePayload(null, List.of(error));
		}
	}

	/** A listing just published that fits one of the subscriber's company's listings. */
	record MatchFound(Listing listing, Listing match, double score) {
	}

	/** One scored candidate of {@code Listing.matches}. */
	record MatchEdge(String cursor, double score, Listing node) {
	}

	record MatchConnection(List<MatchEdge> edges, org.comptoir.api.graphql.Connections.PageInfo pageInfo) {
	}

}
