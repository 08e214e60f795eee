/**
 * Saved searches and their alerts: a company keeps marketplace searches (words and the search's own
 * {@link org.comptoir.api.listing.ListingFilter}) and is told of new listings that match them, as notices,
 * by a job that follows the published listings ({@link org.comptoir.api.listing.ListingWatch}). Nothing
 * here is called by another feature.
 */
package org.comptoir.api.alerts;
