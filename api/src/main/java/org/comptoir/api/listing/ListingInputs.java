package org.comptoir.api.listing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.comptoir.api.graphql.UserError;

/** GraphQL inputs and payloads of the marketplace. */
final class ListingInputs {

	private ListingInputs() {
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

	record CreateListingInput(String kind, String title, String description, String locale,
			List<TranslationInput> translations, String hsCode, QuantityInput quantity, MoneyInput price, String incoterm,
			String originCountry, String visibility, Boolean publish, OffsetDateTime expiresAt) {
	}

	record UpdateListingInput(String listingId, Integer version, String title, String description, String locale,
			List<TranslationInput> translations, String hsCode, QuantityInput quantity, MoneyInput price,
			Boolean clearPrice, String incoterm, String originCountry, String visibility, OffsetDateTime expiresAt,
			Boolean publish) {
	}

	record CloseListingInput(String listingId) {
	}

	record ListingFilter(List<String> kinds, List<String> hsCodePrefixes, List<String> originCountries, String scope,
			String memberId) {
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

	record FacetValue(String value, String label, int count) {
	}

	record Facet(String field, List<FacetValue> values) {
	}

	record ListingTranslation(String locale, String title, String description) {
	}

}
