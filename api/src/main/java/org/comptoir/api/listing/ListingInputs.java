package org.comptoir.api.listing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.Connections.Edge;
import org.comptoir.api.graphql.Connections.PageInfo;
import org.comptoir.api.graphql.UserError;

/** GraphQL inputs and payloads of the marketplace, and how much of each one request may send. */
final class ListingInputs {

	/** Translations of one listing (one per locale). */
	static final int MAX_TRANSLATIONS = 10;

	/** Characters of a search text. */
	static final int MAX_QUERY_LENGTH = 200;

	/** Values in one list filter (kinds, HS prefixes, origins). */
	static final int MAX_FILTER_VALUES = 50;

	private ListingInputs() {
	}

	/** Translations over their bound, as user errors (each one's title and description are checked apart). */
	static List<UserError> overBounds(List<TranslationInput> translations) {
		if (translations != null && translations.size() > MAX_TRANSLATIONS) {
			return List.of(UserError.of("TOO_MANY_TRANSLATIONS", "At most " + MAX_TRANSLATIONS + " translations (one per locale).",
					"input", "translations"));
		}
		return List.of();
	}

	/** A search over its bounds: {@code BAD_USER_INPUT}. */
	static void checkSearch(String query, ListingFilter filter) {
		if (query != null && query.length() > MAX_QUERY_LENGTH) {
			throw ApiException.badInput("query is limited to " + MAX_QUERY_LENGTH + " characters.");
		}
		if (filter != null && (size(filter.kinds()) > MAX_FILTER_VALUES || size(filter.hsCodePrefixes()) > MAX_FILTER_VALUES
				|| size(filter.originCountries()) > MAX_FILTER_VALUES)) {
			throw ApiException.badInput("A filter takes at most " + MAX_FILTER_VALUES + " values per list.");
		}
	}

	/** HS prefixes that are not chapters, headings or subheadings: {@code BAD_USER_INPUT}. */
	static void checkHsPrefixes(List<String> prefixes) {
		if (prefixes != null && prefixes.stream().anyMatch(p -> !p.matches("[0-9]{2}([0-9]{2}){0,2}"))) {
			throw ApiException.badInput("hsCodePrefixes are HS chapters, headings or subheadings (2, 4 or 6 digits): " + prefixes);
		}
	}

	/** A cursor argument: {@code BAD_USER_INPUT} if it is not one of ours. */
	static ListingCursor cursor(String after) {
		return after == null ? null : ListingCursor.decode(after).orElseThrow(() -> ApiException.badInput("Invalid cursor: " + after));
	}

	private static int size(List<?> list) {
		return list == null ? 0 : list.size();
	}

	/** UN/ECE Recommendation 20 codes a trade listing uses: mass, volume, count, length, area, packaging. */
	static final Set<String> UNITS = Set.of("TNE", "KGM", "GRM", "LBR", "LTR", "MLT", "MTQ", "HLT", "C62", "H87", "MTR",
			"MTK", "KMT", "PR", "DZN", "SET", "BG", "BX", "CT", "PK", "BO", "CA", "DR", "BE", "NAR", "XBG", "XBX", "XCT",
			"XPK", "XBE", "XCR", "XPL", "XSA", "XTN");

	record TranslationInput(String locale, String title, String description) {
	}

	record QuantityInput(BigDecimal value, String unit) {
	}

	record MoneyInput(BigDecimal amount, String currency) {
	}

	record CreateListingInput(ListingKind kind, String title, String description, String locale,
			List<TranslationInput> translations, String hsCode, QuantityInput quantity, MoneyInput price, Incoterm incoterm,
			String originCountry, Visibility visibility, Boolean publish, OffsetDateTime expiresAt) {
	}

	record UpdateListingInput(String listingId, Integer version, String title, String description, String locale,
			List<TranslationInput> translations, String hsCode, QuantityInput quantity, MoneyInput price,
			Boolean clearPrice, Incoterm incoterm, String originCountry, Visibility visibility, OffsetDateTime expiresAt,
			Boolean publish) {
	}

	record CloseListingInput(String listingId) {
	}

	record ListingPayload(Listing listing, List<UserError> userErrors) {

		static ListingPayload ok(Listing listing) {
			return new ListingPayload(listing, List.of());
		}

		static ListingPayload error(UserError... errors) {
			return new ListingPayload(null, List.of(errors));
		}

		static ListingPayload errors(List<UserError> errors) {
			return new ListingPayload(null, errors);
		}
	}

	record ListingConnection(List<Edge<Listing>> edges, PageInfo pageInfo, int totalCount, boolean totalCountIsExact,
			List<Facet> facets) {
	}

	record FacetValue(String value, String label, int count) {
	}

	record Facet(String field, List<FacetValue> values) {
	}

	record ListingTranslation(String locale, String title, String description) {
	}

}
