package org.comptoir.api.listing;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What other features ask of the marketplace; and the clock that expires listings. */
@Component
public class ListingCatalog {

	private static final Logger log = LoggerFactory.getLogger(ListingCatalog.class);

	private final ListingRepository listings;

	private final TenantRegistry registry;

	ListingCatalog(ListingRepository listings, TenantRegistry registry) {
		this.listings = listings;
		this.registry = registry;
	}

	/** A listing's key: its chamber and id. */
	public record ListingKey(UUID tenantId, UUID listingId) {
	}

	/**
	 * SQL predicate over a listing aliased {@code l}, with {@code :current} bound to the current chamber,
	 * in a transaction read for someone ({@code TenantTransactions.Reader}): the chamber's own listings
	 * (MEMBERS ones for its members only) and the network's live ones.
	 */
	public static final String VISIBLE = ListingRepository.VISIBLE;

	/** SQL predicate over a listing aliased {@code l}: published, not past expiry, of an active company. */
	public static final String SEARCHABLE = ListingRepository.SEARCHABLE;

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
