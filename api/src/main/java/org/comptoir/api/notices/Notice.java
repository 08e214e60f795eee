package org.comptoir.api.notices;

import java.util.Map;

/**
 * Something a company's users must hear of, with what the message says ({@code params}, by kind:
 * see {@link Kind}); written by the feature where it happens, in the same transaction as the change.
 */
public record Notice(Kind kind, Map<String, String> params) {

	/** What happened; each kind's params. */
	public enum Kind {
		/** {@code fromCompany}, {@code message} (its first words), {@code listingTitle} (optional). */
		CONTACT_REQUEST_RECEIVED,
		/** {@code toCompany}, {@code response} (optional). */
		CONTACT_REQUEST_ACCEPTED,
		/** {@code toCompany}, {@code response} (optional). */
		CONTACT_REQUEST_DECLINED,
		/** {@code fromCompany}, {@code message} (its first words). */
		MESSAGE_RECEIVED,
		/** {@code company}. */
		MEMBER_APPROVED,
		/** {@code company}, {@code reason} (optional). */
		MEMBER_REJECTED,
		/** {@code company}, {@code reason} (optional). */
		MEMBER_SUSPENDED,
		/** {@code listingTitle}, {@code expiresOn} (a date, yyyy-MM-dd). */
		LISTING_EXPIRING,
		/**
		 * {@code searchName}, {@code count} (new listings that match it), {@code listingTitle} (the newest's);
		 * {@code delivery} {@code DIGEST} when the search's alert is DIGEST (optional).
		 */
		SAVED_SEARCH_MATCHES,
		/** {@code listingTitle} (the new listing's), {@code company} (its company's), {@code ownListingTitle} (the listing it fits). */
		MATCH_FOUND,
		/** {@code email} (the colleague's), {@code company}: told to the company's users, the invited one included. */
		COLLEAGUE_INVITED
	}

}
