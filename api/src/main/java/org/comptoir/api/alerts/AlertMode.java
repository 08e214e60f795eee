package org.comptoir.api.alerts;

/**
 * How a company hears of a saved search's new matches (GraphQL {@code AlertMode}). DIGEST: the notice carries
 * {@code delivery=DIGEST}, and the notices' routing holds it for the user's daily digest (the bell has it at once).
 */
enum AlertMode {
	INSTANT, DIGEST, OFF
}
