package org.comptoir.api.matchmaking;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.Cursors;
import org.comptoir.api.listing.ListingCatalog;
import org.comptoir.api.listing.ListingCatalog.ListingKey;
import org.comptoir.api.listing.ListingCatalog.Traits;
import org.comptoir.api.listing.ListingKind;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Listings that fit a listing, scored (docs/matchmaking.md, "Scoring"): the candidates are the
 * marketplace's neighbours of the listing ({@link ListingCatalog#neighbours}: of the opposite kind,
 * that search could show from the current chamber, of another company, sharing the HS chapter or a word).
 * A class, not a record: {@code MatchNotificationsTests} overrides it with a gated stand-in.
 */
@Component
class MatchScoring {

	/** Below this a candidate shares too little to be shown. */
	static final double MIN_SCORE = 0.25;

	/** Listings scored per request: the work is bounded whatever the size of the network. */
	static final int CANDIDATES = 200;

	/** How far back, in each of the chamber's own and the network's newest listings, word matches are looked for. */
	static final int WORD_WINDOW = 500;

	record Scored(UUID tenantId, UUID listingId, UUID memberId, double score) {
	}

	/** Keyset position: best first, then by key. */
	record Cursor(double score, UUID tenantId, UUID listingId) {

		String encode() {
			return Cursors.encode(score, tenantId, listingId);
		}

		static Optional<Cursor> decode(String cursor) {
			return Cursors.decode(cursor, 3,
					v -> new Cursor(Double.parseDouble(v.get(0)), UUID.fromString(v.get(1)), UUID.fromString(v.get(2))));
		}
	}

	/** The weights of the four fits (docs/matchmaking.md, "Scoring"). */
	private static final BigDecimal HS_WEIGHT = new BigDecimal("0.45"), WORDS_WEIGHT = new BigDecimal("0.25"),
			ORIGIN_WEIGHT = new BigDecimal("0.15"), QUANTITY_WEIGHT = new BigDecimal("0.15");

	private static final BigDecimal HALF = new BigDecimal("0.5");

	private final ListingCatalog catalog;

	MatchScoring(ListingCatalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * The best matches of a listing, as the reader sees them, best first (ties by key): its neighbours
	 * from the marketplace (two statements), scored here.
	 * @param mutual keep only the candidates whose chamber may see the source listing too (notifications)
	 */
	Flux<Scored> matches(Reader reader, UUID srcTenant, UUID srcId, boolean mutual, double minScore, int first, Cursor after) {
		BigDecimal min = BigDecimal.valueOf(Math.max(minScore, MIN_SCORE));
		Scoring cursor = after == null ? null : new Scoring(after.tenantId(), after.listingId(), null, BigDecimal.valueOf(after.score()));
		return catalog.neighbours(reader, new ListingKey(srcTenant, srcId), mutual, CANDIDATES, WORD_WINDOW)
			.flatMapIterable(found -> found.candidates().stream()
				.map(candidate -> score(found.source(), candidate))
				.filter(s -> s.score() != null && s.score().compareTo(min) >= 0)
				.filter(s -> cursor == null || BEST_FIRST.compare(s, cursor) > 0)
				.sorted(BEST_FIRST)
				.limit(first)
				.map(s -> new Scored(s.tenantId(), s.listingId(), s.memberId(), s.score().doubleValue()))
				.toList());
	}

	/** A candidate's score, exact to four decimals (so that a cursor's score compares equal on the next page). */
	private record Scoring(UUID tenantId, UUID listingId, UUID memberId, BigDecimal score) {
	}

	/** Best first, then by key descending, uuids unsigned: the order the scores had when PostgreSQL sorted them. */
	private static final Comparator<Scoring> BEST_FIRST = Comparator.comparing(Scoring::score)
		.thenComparing(Scoring::tenantId, MatchScoring::compareUuids)
		.thenComparing(Scoring::listingId, MatchScoring::compareUuids)
		.reversed();

	private static int compareUuids(UUID a, UUID b) {
		int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
		return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
	}

	/** The four fits, weighted; no score (null) without title words on either side. */
	private static Scoring score(Traits source, Traits candidate) {
		BigDecimal words = wordsFit(source.titleWords(), candidate.titleWords());
		BigDecimal score = words == null ? null
				: HS_WEIGHT.multiply(hsFit(source, candidate))
					.add(WORDS_WEIGHT.multiply(words))
					.add(ORIGIN_WEIGHT.multiply(originFit(source, candidate)))
					.add(QUANTITY_WEIGHT.multiply(quantityFit(source, candidate)))
					.setScale(4, RoundingMode.HALF_UP);
		return new Scoring(candidate.tenantId(), candidate.listingId(), candidate.memberId(), score);
	}

	/** Same 6 digits 1.0; same heading 0.7 (both of 4 digits or more); same chapter 0.4. */
	private static BigDecimal hsFit(Traits source, Traits candidate) {
		String code = candidate.hsCode();
		if (code != null && code.length() == 6 && code.equals(source.hsCode())) {
			return BigDecimal.ONE;
		}
		if (code != null && code.length() >= 4 && source.hsCode() != null && source.hsCode().length() >= 4
				&& candidate.hsHeading() != null && candidate.hsHeading().equals(source.hsHeading())) {
			return new BigDecimal("0.7");
		}
		return candidate.hsChapter() != null && candidate.hsChapter().equals(source.hsChapter()) ? new BigDecimal("0.4") : BigDecimal.ZERO;
	}

	/** Title words in common ÷ the smaller set (at least 1). */
	private static BigDecimal wordsFit(List<String> source, List<String> candidate) {
		if (source == null || candidate == null) {
			return null;
		}
		Set<String> wanted = new HashSet<>(source);
		long shared = candidate.stream().filter(wanted::contains).count();
		return BigDecimal.valueOf(shared).divide(BigDecimal.valueOf(Math.max(1, Math.min(source.size(), candidate.size()))),
				MathContext.DECIMAL128);
	}

	/** Equal origins 1, different 0, either unknown 0.5. */
	private static BigDecimal originFit(Traits source, Traits candidate) {
		if (source.originCountry() == null || candidate.originCountry() == null) {
			return HALF;
		}
		return source.originCountry().equals(candidate.originCountry()) ? BigDecimal.ONE : BigDecimal.ZERO;
	}

	/** Offered ÷ wanted quantity, at most 1, in the same unit; other units, or none, 0.5 (an unknown quantity: 1, as SQL's least). */
	private static BigDecimal quantityFit(Traits source, Traits candidate) {
		if (candidate.unit() == null || !candidate.unit().equals(source.unit())) {
			return HALF;
		}
		boolean offers = source.kind() == ListingKind.OFFER;
		BigDecimal offered = offers ? source.quantity() : candidate.quantity();
		BigDecimal wanted = offers ? candidate.quantity() : source.quantity();
		if (offered == null || wanted == null) {
			return BigDecimal.ONE;
		}
		return BigDecimal.ONE.min(offered.divide(wanted, MathContext.DECIMAL128));
	}

}
