package org.comptoir.api.matchmaking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.listing.Listing;
import org.comptoir.api.listing.ListingCatalog;
import org.comptoir.api.listing.ListingCatalog.ListingKey;
import org.comptoir.api.listing.ListingWatch;
import org.comptoir.api.notices.Notice;
import org.comptoir.api.notices.Notifications;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * "A match found" as a durable notice (MATCH_FOUND), beside the live {@code matchFound} of
 * {@link MatchNotifications}, which may drop: every {@code comptoir.matchmaking.match-notice-interval} (60 s),
 * each chamber's listings published since its cursor
 * ({@link ListingWatch#published}) are scored as the live notifications score them (above
 * {@code notify-min-score}, the best {@code notified-matches}), and in one transaction per chamber, its
 * cursor's row held {@code FOR UPDATE SKIP LOCKED} (two instances never match the same chamber at once),
 * each owner's listing is told once per run and at most once per {@code match-notice-every} (a day) of the
 * chamber's publications, and the cursor advances.
 */
@Component
class MatchNotices implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MatchNotices.class);

	private final TenantTransactions transactions;

	private final MatchScoring scoring;

	private final ListingWatch watch;

	private final ListingCatalog catalog;

	private final Notifications notices;

	private final TenantRegistry registry;

	private final MatchmakingProperties properties;

	private final Duration every;

	private final Sinks.Many<Boolean> wakes = Sinks.many().unicast().onBackpressureBuffer();

	private volatile Disposable worker;

	MatchNotices(TenantTransactions transactions, MatchScoring scoring, ListingWatch watch, ListingCatalog catalog,
			Notifications notices, TenantRegistry registry, MatchmakingProperties properties,
			@Value("${comptoir.matchmaking.match-notice-every:1d}") Duration every) {
		this.transactions = transactions;
		this.scoring = scoring;
		this.watch = watch;
		this.catalog = catalog;
		this.notices = notices;
		this.registry = registry;
		this.properties = properties;
		this.every = every;
	}

	@Scheduled(fixedDelayString = "${comptoir.matchmaking.match-notice-interval:60s}",
			initialDelayString = "${comptoir.matchmaking.match-notice-interval:60s}")
	void onSchedule() {
		wake();
	}

	private void wake() {
		synchronized (wakes) {
			wakes.tryEmitNext(true);
		}
	}

	/** Every chamber's new listings matched and their matches told. How many notices. */
	Mono<Long> run() {
		return Flux.fromIterable(registry.all()).concatMap(this::chamber).reduce(0L, Long::sum);
	}

	private record Told(ListingKey source, MatchScoring.Scored owner) {
	}

	private Mono<Long> chamber(Tenant tenant) {
		UUID t = tenant.tenantId();
		Reader reader = Reader.chamber(t);
		return transactions.mono(reader, db -> cursor(db, t).flatMap(from -> watch.published(db, t, from).flatMap(window -> {
			Flux<Told> found = Flux.fromIterable(window.listingIds())
				.concatMap(id -> scoring.matches(reader, t, id, true, properties.notifyMinScore(), properties.notifiedMatches(), null)
					.map(owner -> new Told(new ListingKey(t, id), owner)), 0);
			return found.collectList().flatMap(all -> {
				// one notice per owner's listing and run: its best new match
				Map<ListingKey, Told> best = new LinkedHashMap<>();
				for (Told told : all) {
					best.merge(new ListingKey(told.owner().tenantId(), told.owner().listingId()), told,
							(a, b) -> b.owner().score() > a.owner().score() ? b : a);
				}
				return admitted(db, t, new ArrayList<>(best.keySet()))
					.flatMap(keys -> tell(db, reader, t, keys.stream().map(best::get).toList()))
					.flatMap(count -> advance(db, t, window.through()).thenReturn(count));
			});
		})).defaultIfEmpty(0L));
	}

	/**
	 * The chamber's cursor, locked; empty when another instance holds it. A chamber's first run starts at the
	 * horizon: what was published before (demo data, imports) is not told.
	 */
	private static Mono<String> cursor(DatabaseClient db, UUID tenantId) {
		return db.sql("""
				INSERT INTO match_notice_cursor (tenant_id, checked_through) VALUES (:tenant, pg_snapshot_xmin(pg_current_snapshot()))
				ON CONFLICT DO NOTHING""")
			.bind("tenant", tenantId).fetch().rowsUpdated()
			.then(db.sql("""
					SELECT checked_through::text AS checked_through FROM match_notice_cursor
					WHERE tenant_id = :tenant FOR UPDATE SKIP LOCKED""")
				.bind("tenant", tenantId).map(row -> row.get("checked_through", String.class)).one());
	}

	private static Mono<Long> advance(DatabaseClient db, UUID tenantId, String through) {
		return db.sql("""
				UPDATE match_notice_cursor SET checked_through = greatest(checked_through, CAST(:through AS xid8)), checked_at = now()
				WHERE tenant_id = :tenant""")
			.bind("tenant", tenantId).bind("through", through).fetch().rowsUpdated();
	}

	/**
	 * The owners' listings that may hear now (none from this chamber within {@code every}), marked told in
	 * one statement.
	 */
	private Mono<List<ListingKey>> admitted(DatabaseClient db, UUID tenantId, List<ListingKey> owners) {
		if (owners.isEmpty()) {
			return Mono.just(List.of());
		}
		return db.sql("""
				INSERT INTO match_notice AS m (tenant_id, owner_tenant_id, owner_listing_id)
				SELECT :tenant, o.tenant_id, o.listing_id FROM unnest(CAST(:tenants AS uuid[]), CAST(:listings AS uuid[])) AS o (tenant_id, listing_id)
				ON CONFLICT (tenant_id, owner_tenant_id, owner_listing_id) DO UPDATE SET noticed_at = now()
				  WHERE m.noticed_at <= now() - make_interval(secs => :every)
				RETURNING m.owner_tenant_id, m.owner_listing_id""")
			.bind("tenant", tenantId)
			.bind("tenants", owners.stream().map(ListingKey::tenantId).toArray(UUID[]::new))
			.bind("listings", owners.stream().map(ListingKey::listingId).toArray(UUID[]::new))
			.bind("every", (double) every.toSeconds())
			.map(row -> new ListingKey(row.get("owner_tenant_id", UUID.class), row.get("owner_listing_id", UUID.class)))
			.all().collectList();
	}

	/** The notices, with both listings' titles and the new one's company (one statement for them all). */
	private Mono<Long> tell(DatabaseClient db, Reader reader, UUID tenantId, List<Told> told) {
		if (told.isEmpty()) {
			return Mono.just(0L);
		}
		List<ListingKey> keys = new ArrayList<>();
		told.forEach(t -> {
			keys.add(t.source());
			keys.add(new ListingKey(t.owner().tenantId(), t.owner().listingId()));
		});
		return catalog.visible(reader, keys).flatMap(listings -> Flux.fromIterable(told).concatMap(t -> {
			Listing source = listings.get(t.source());
			Listing own = listings.get(new ListingKey(t.owner().tenantId(), t.owner().listingId()));
			if (source == null || own == null) {
				return Mono.just(0L);
			}
			String company = source.company() != null && source.company().member() != null ? source.company().member().name() : "";
			Map<String, String> params = Map.of("listingTitle", title(source), "company", company, "ownListingTitle", title(own));
			return notices.record(db, tenantId, t.owner().tenantId(), t.owner().memberId(), new Notice(Notice.Kind.MATCH_FOUND, params),
					"/listings/" + GlobalId.of(Listing.TYPE, source.tenantId(), source.listingId()).encode()).thenReturn(1L);
		}, 0).reduce(0L, Long::sum));
	}

	private static String title(Listing listing) {
		return listing.translation(listing.locale(), listing.locale()).title();
	}

	@Override
	public void start() {
		worker = wakes.asFlux().onBackpressureLatest().concatMap(wake -> run().onErrorResume(ex -> {
			log.warn("Match notices left for the next run: {}", ex.toString());
			return Mono.empty();
		}), 1).subscribe();
	}

	@Override
	public void stop() {
		Disposable running = worker;
		if (running != null) {
			running.dispose();
		}
		worker = null;
	}

	@Override
	public boolean isRunning() {
		return worker != null;
	}

}
