package org.comptoir.api.alerts;

/**
 * How a company hears of a saved search's new matches (GraphQL {@code AlertMode}). DIGEST is recorded like
 * INSTANT, with the notice's param {@code delivery=DIGEST}, for the digests of the notices feature to collect.
 */
enum AlertMode {
	INSTANT, DIGEST, OFF
}
