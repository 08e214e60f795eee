package org.comptoir.api.listing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.notices.Notice;
import org.comptoir.api.notices.Notifications;
import org.comptoir.api.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What other features ask of the marketplace; and the clock that expires listings. */
@Component
public class ListingCatalog {

	private static final Logger log = LoggerFactory.getLogger(ListingCatalog.class);

	private final ListingRepository listings;

	private final ListingNeighbours neighbours;

	private final TenantRegistry registry;

	private final Notifications notices;

	private final Duration expiryNoticeBefore;

	ListingCatalog(ListingRepository listings, ListingNeighbours neighbours, TenantRegistry registry, Notifications notices,
			@Value("${comptoir.listings.expiry-notice-before:3d}") Duration expiryNoticeBefore) {
		this.listings = listings;
		this.neighbours = neighbours;
		this.registry = registry;
		this.notices = notices;
		this.expiryNoticeBefore = expiryNoticeBefore;
	}

	/** A listing's key: its chamber and id. */
	public record ListingKey(UUID tenantId, UUID listingId) {
	}

	/**
	 * What matching compares of a listing: its HS code, heading and chapter, origin, quantity (in
	 * kilograms when given in tonnes) and title words (the stems of its full-text document's titles;
	 * null without one). {@code kind} and {@code visibility}: the source's only.
	 */
	public record Traits(UUID tenantId, UUID listingId, UUID memberId, ListingKind kind, Visibility visibility, String hsCode,
			String hsHeading, String hsChapter, String originCountry, BigDecimal quantity, String unit, List<String> titleWords) {
	}

	/** A listing's traits and those of its neighbours, in the order they were chosen. */
	public record Neighbours(Traits source, List<Traits> candidates) {
	}

	public Mono<Integer> publishedCount(UUID tenantId) {
		return listings.publishedCount(tenantId);
	}

	/** Listings referenced from elsewhere (matches, contact requests), as visible to the reader; one statement. */
	public Mono<Map<ListingKey, Listing>> visible(Reader reader, Collection<ListingKey> keys) {
		if (keys.isEmpty()) {
			return Mono.just(Map.of());
		}
		return listings.findAll(reader, keys.stream().map(ListingKey::tenantId).toList(),
				keys.stream().map(ListingKey::listingId).distinct().toList())
			.collectMap(l -> new ListingKey(l.tenantId(), l.listingId()), Function.identity());
	}

	/**
	 * A listing's neighbours as the reader may see them, in one transaction of two statements (empty if
	 * there is no such listing): at most {@code limit} listings of the opposite kind that search could
	 * show the reader, of another company, sharing the HS code, then the heading, then the chapter, then
	 * a title word among the newest {@code wordWindow} of the reader's chamber and of the network.
	 * @param mutual only those whose chamber may see the source too (a chamber-only source: its own chamber's)
	 */
	public Mono<Neighbours> neighbours(Reader reader, ListingKey source, boolean mutual, int limit, int wordWindow) {
		return neighbours.find(reader, source.tenantId(), source.listingId(), mutual, limit, wordWindow);
	}

	/**
	 * Every hour, each published listing that expires within {@code comptoir.listings.expiry-notice-before}
	 * (3 days) has its company told, once, in the transaction that marks it told. How many were.
	 */
	@Scheduled(fixedDelayString = "${comptoir.listings.expiry-notice-interval:1h}", initialDelayString = "${comptoir.listings.expiry-notice-interval:1h}")
	void warnOfExpiryOnSchedule() {
		warnOfExpiry().onErrorResume(ex -> {
			log.warn("Expiry notices left for the next run: {}", ex.toString());
			return Mono.empty();
		}).subscribe();
	}

	public Mono<Long> warnOfExpiry() {
		return Flux.fromIterable(registry.all())
			.concatMap(tenant -> listings.expiringSoon(tenant.tenantId(), expiryNoticeBefore, (db, expiring) -> notices.record(db,
					tenant.tenantId(), tenant.tenantId(), expiring.memberId(), new Notice(Notice.Kind.LISTING_EXPIRING,
							Map.of("listingTitle", expiring.title() == null ? "" : expiring.title(),
									"expiresOn", expiring.expiresAt().toLocalDate().toString())),
					"/listings/" + GlobalId.of(Listing.TYPE, tenant.tenantId(), expiring.listingId()).encode())), 0)
			.reduce(0L, Long::sum);
	}

	/** Every minute, published listings past their expiresAt become EXPIRED (search already hides them). */
	@Scheduled(fixedDelayString = "${comptoir.listings.expiry-interval:60s}", initialDelayString = "${comptoir.listings.expiry-interval:60s}")
	void expire() {
		Flux.fromIterable(registry.all())
			.concatMap(tenant -> listings.expire(tenant.tenantId()))
			.reduce(0L, Long::sum)
			.doOnNext(count -> {
				if (count > 0) {
					log.info("Expired {} listings", count);
				}
			})
			.onErrorResume(ex -> {
				log.warn("Expiry run failed, next run retries: {}", ex.toString());
				return Mono.empty();
			})
			.subscribe();
	}

}
