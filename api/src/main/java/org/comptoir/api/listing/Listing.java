package org.comptoir.api.listing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.member.Member;
import org.jspecify.annotations.Nullable;

/**
 * An offer or a buy request of a member company; {@code memberActive}: whether its company is ACTIVE;
 * {@code company}: the company as read with the row by a page's statement (a search, a company's
 * listings, listings by key), null when the row was read without it.
 */
public record Listing(UUID tenantId, UUID listingId, UUID memberId, ListingKind kind, ListingStatus status, Visibility visibility,
		String locale, String hsCode, BigDecimal quantityValue, String quantityUnit, BigDecimal priceAmount,
		String priceCurrency, Incoterm incoterm, String originCountry, OffsetDateTime publishedAt,
		OffsetDateTime expiresAt, int version, Map<String, Translation> translations, boolean memberActive,
		@Nullable Company company) {

	public static final String TYPE = "Listing";

	/**
	 * The listing's company as the reader sees it, read in the listing's own statement
	 * ({@code member_card}); {@code member} null: hidden from the reader, which {@code Listing.member}
	 * answers as null without asking again.
	 */
	public record Company(@Nullable Member member) {
	}

	/** The same listing, read without its company (written, or read by key). */
	public Listing(UUID tenantId, UUID listingId, UUID memberId, ListingKind kind, ListingStatus status, Visibility visibility,
			String locale, String hsCode, BigDecimal quantityValue, String quantityUnit, BigDecimal priceAmount,
			String priceCurrency, Incoterm incoterm, String originCountry, OffsetDateTime publishedAt,
			OffsetDateTime expiresAt, int version, Map<String, Translation> translations, boolean memberActive) {
		this(tenantId, listingId, memberId, kind, status, visibility, locale, hsCode, quantityValue, quantityUnit, priceAmount,
				priceCurrency, incoterm, originCountry, publishedAt, expiresAt, version, translations, memberActive, null);
	}

	/** This listing with its company, as a page statement read them together. */
	public Listing with(Company company) {
		return new Listing(tenantId, listingId, memberId, kind, status, visibility, locale, hsCode, quantityValue, quantityUnit,
				priceAmount, priceCurrency, incoterm, originCountry, publishedAt, expiresAt, version, translations, memberActive, company);
	}

	public record Translation(String title, String description) {
	}

	public record Quantity(BigDecimal value, String unit) {
	}

	public record Money(BigDecimal amount, String currency) {
	}

	/**
	 * The same listing at the same version: a listing is a batch loader's key for every field of a
	 * page (member, HS code), and hashing all its columns and translations showed in profiles. With or
	 * without its company, the same listing.
	 */
	@Override
	public boolean equals(Object other) {
		return other instanceof Listing l && l.tenantId.equals(tenantId) && l.listingId.equals(listingId) && l.version == version;
	}

	@Override
	public int hashCode() {
		return listingId.hashCode() * 31 + version;
	}

	public String id() {
		return GlobalId.of(TYPE, tenantId, listingId).encode();
	}

	/** What everyone who may read it sees: published, not past expiry, of an ACTIVE company (memberActive). */
	public boolean live() {
		return status == ListingStatus.PUBLISHED && memberActive && (expiresAt == null || expiresAt.isAfter(OffsetDateTime.now()));
	}

	public Quantity quantity() {
		return quantityValue == null ? null : new Quantity(quantityValue, quantityUnit);
	}

	public Money price() {
		return priceAmount == null ? null : new Money(priceAmount, priceCurrency);
	}

	/** The translation in a locale, else in the listing's own language, else the chamber's default, else any. */
	public Translation translation(String wanted, String chamberDefault) {
		for (String locale : new String[] { wanted, locale, chamberDefault }) {
			if (locale != null && translations.containsKey(locale)) {
				return translations.get(locale);
			}
		}
		return translations.values().stream().findFirst().orElse(new Translation("", null));
	}

}
