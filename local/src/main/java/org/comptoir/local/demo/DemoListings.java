package org.comptoir.local.demo;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.comptoir.api.listing.Incoterm;
import org.comptoir.api.listing.Listing;
import org.comptoir.api.listing.ListingImport;
import org.comptoir.api.listing.ListingKind;
import org.comptoir.api.listing.ListingStatus;
import org.comptoir.api.listing.Visibility;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo offers and requests of each demo chamber ({@code demo/<slug>/listings.json}), loaded once,
 * after the demo companies, into a chamber whose owner company has no listing yet.
 */
@Component
@ConditionalOnBooleanProperty(name = "comptoir.demo-data")
public class DemoListings {

	record DemoListing(String key, String member, ListingKind kind, Visibility visibility, ListingStatus status,
			List<Map<String, String>> translations, String hsCode, Map<String, String> quantity, Map<String, String> price,
			Incoterm incoterm, String originCountry, Integer publishedDaysAgo, Integer expiresInDays) {
	}

	private static final Logger log = LoggerFactory.getLogger(DemoListings.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ListingImport listings;

	private final TenantRegistry registry;

	DemoListings(ListingImport listings, TenantRegistry registry) {
		this.listings = listings;
		this.registry = registry;
	}

	@EventListener
	void load(DemoMembers.DemoMembersLoaded event) {
		List<String> loaded = Flux.fromIterable(registry.all())
			.concatMap(tenant -> load(tenant).map(count -> tenant.slug() + " " + count))
			.collectList()
			.block();
		if (!loaded.isEmpty()) {
			log.info("Demo listings loaded: {}", String.join(", ", loaded));
		}
	}

	private Mono<Long> load(Tenant tenant) {
		ClassPathResource resource = new ClassPathResource("demo/" + tenant.slug() + "/listings.json");
		if (!resource.exists()) {
			return Mono.empty();
		}
		List<DemoListing> demo = read(resource);
		UUID firstMember = DemoMembers.idOf(demo.get(0).member());
		return listings.countOf(tenant.tenantId(), firstMember).filter(n -> n == 0)
			.flatMap(none -> Flux.fromIterable(demo).concatMap(d -> listings.insert(toListing(tenant, d))).count())
			// a chamber whose companies came from elsewhere (a generated database): its demo companies are not there
			.onErrorResume(DataIntegrityViolationException.class, ex -> {
				log.warn("Demo listings of {} left out: its demo companies are not in the database", tenant.slug());
				return Mono.empty();
			});
	}

	private static Listing toListing(Tenant tenant, DemoListing d) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		Map<String, Listing.Translation> translations = new LinkedHashMap<>();
		d.translations().forEach(t -> translations.put(t.get("locale"), new Listing.Translation(t.get("title"), t.get("description"))));
		String locale = translations.containsKey(tenant.defaultLocale()) ? tenant.defaultLocale() : translations.keySet().iterator().next();
		OffsetDateTime published = d.publishedDaysAgo() == null ? null : now.minusDays(d.publishedDaysAgo()).minusMinutes(d.key().hashCode() & 0x3ff);
		return new Listing(tenant.tenantId(), idOf(d.key()),
				DemoMembers.idOf(d.member()), d.kind(), d.status(), d.visibility(), locale, d.hsCode(),
				d.quantity() == null ? null : new BigDecimal(d.quantity().get("value")), d.quantity() == null ? null : d.quantity().get("unit"),
				d.price() == null ? null : new BigDecimal(d.price().get("amount")), d.price() == null ? null : d.price().get("currency"),
				d.incoterm(), d.originCountry(), d.status() == ListingStatus.DRAFT ? null : published,
				d.expiresInDays() == null || d.status() != ListingStatus.PUBLISHED ? null : now.plusDays(d.expiresInDays()), 0, translations, true);
	}

	static UUID idOf(String key) {
		return UUID.nameUUIDFromBytes(("comptoir-demo-listing:" + key).getBytes(StandardCharsets.UTF_8));
	}

	/** The chamber's demo listings, none when it has no file. */
	static List<DemoListing> of(Tenant tenant) {
		ClassPathResource resource = new ClassPathResource("demo/" + tenant.slug() + "/listings.json");
		return resource.exists() ? read(resource) : List.of();
	}

	private static List<DemoListing> read(ClassPathResource resource) {
		try (InputStream in = resource.getInputStream()) {
			return List.of(JSON.readValue(in, DemoListing[].class));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + resource, ex);
		}
	}

}
