package org.comptoir.api.listing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The marketplace search's filters (GraphQL {@code ListingFilter}): what {@code listings} takes, and what a
 * saved search keeps to run again ({@link ListingWatch}). {@code memberId}: a company's global id.
 */
public record ListingFilter(@Nullable List<ListingKind> kinds, @Nullable List<String> hsCodePrefixes,
		@Nullable List<String> originCountries, @Nullable ListingScope scope, @Nullable String memberId) {

	public static final ListingFilter NONE = new ListingFilter(null, null, null, null, null);
}
