package org.comptoir.api.listing;

import java.util.UUID;

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

	public Mono<Integer> publishedCount(UUID tenantId) {
		return listings.publishedCount(tenantId);
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
