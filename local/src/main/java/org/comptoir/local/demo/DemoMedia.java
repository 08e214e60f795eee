package org.comptoir.local.demo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.comptoir.api.listing.ListingKind;
import org.comptoir.api.listing.ListingStatus;
import org.comptoir.api.media.MediaImport;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The demo chambers' pictures ({@link DemoPictures}, drawn here, ours to license): each chamber's logo
 * and favicon, a photo for its first published offers and a logo for their companies. Loaded once per
 * chamber (its logo marks it done), in the background after start ({@code comptoir.demo-pictures}, on unless set
 * false), through the path an upload takes.
 */
@Component
@ConditionalOnBooleanProperty(name = "comptoir.demo-data")
public class DemoMedia {

	private static final Logger log = LoggerFactory.getLogger(DemoMedia.class);

	/** Offers per chamber that get a photo: enough for a portal's first page, quick to make at start. */
	public static final int PHOTOS_PER_CHAMBER = 8;

	private final MediaImport media;

	private final TenantRegistry registry;

	private final boolean atStart;

	DemoMedia(MediaImport media, TenantRegistry registry, @Value("${comptoir.demo-pictures:true}") boolean atStart) {
		this.media = media;
		this.registry = registry;
		this.atStart = atStart;
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadInTheBackground() {
		if (!atStart) {
			return;
		}
		Flux.fromIterable(registry.all())
			.concatMap(tenant -> load(tenant).map(count -> tenant.slug() + " " + count))
			.collectList()
			.subscribeOn(Schedulers.boundedElastic())
			.subscribe(loaded -> {
				if (!loaded.isEmpty()) {
					log.info("Demo pictures loaded: {}", String.join(", ", loaded));
				}
			}, error -> log.warn("Demo pictures left out: {}", error.toString()));
	}

	/** The chamber's pictures, unless it has its logo already: how many were attached. */
	public Mono<Integer> load(Tenant tenant) {
		List<DemoListings.DemoListing> offers = DemoListings.of(tenant).stream()
			.filter(l -> l.kind() == ListingKind.OFFER && l.status() == ListingStatus.PUBLISHED)
			.limit(PHOTOS_PER_CHAMBER)
			.toList();
		if (offers.isEmpty()) {
			return Mono.empty();
		}
		Set<String> companies = offers.stream().map(DemoListings.DemoListing::member).collect(Collectors.toSet());
		List<DemoMembers.DemoMember> logos = DemoMembers.of(tenant).stream().filter(m -> companies.contains(m.key())).toList();
		Tenant.Branding branding = tenant.branding();
		return media.hasChamberImages(tenant.tenantId()).filter(done -> !done)
			.flatMap(none -> Flux.fromIterable(offers)
				.concatMap(offer -> {
					Map<String, String> title = offer.translations().get(0);
					return media.listingImage(tenant.tenantId(), DemoListings.idOf(offer.key()),
							DemoPictures.product(offer.hsCode(), title.get("title"), offer.key().hashCode()),
							Map.of(title.get("locale"), title.get("title")));
				}, 0)
				.thenMany(Flux.fromIterable(logos).concatMap(member -> media.memberLogo(tenant.tenantId(), DemoMembers.idOf(member.key()),
						DemoPictures.logo(member.name(), member.key().hashCode())), 0))
				.then(media.chamberImage(tenant.tenantId(), MediaImport.ChamberImage.FAVICON,
						DemoPictures.favicon(branding.displayName(), branding.primaryColor())))
				.then(media.chamberImage(tenant.tenantId(), MediaImport.ChamberImage.LOGO,
						DemoPictures.chamberLogo(branding.displayName(), branding.primaryColor(), branding.accentColor())))
				.thenReturn(offers.size() + logos.size() + 2));
	}

}
