package org.comptoir.api.alerts;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.comptoir.api.alerts.SavedSearchRepository.Due;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.listing.ListingWatch;
import org.comptoir.api.listing.ListingWatch.Caught;
import org.comptoir.api.listing.ListingWatch.SavedQuery;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.member.MemberDirectory.MemberKey;
import org.comptoir.api.notices.Notice;
import org.comptoir.api.notices.Notifications;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Tells companies of the new listings that match their saved searches: every
 * {@code comptoir.alerts.interval} (60 s; not woken by each publication, which would add a few statements
 * per chamber to every publication), each chamber's
 * searches with an alert on are claimed {@code FOR UPDATE SKIP LOCKED} {@code comptoir.alerts.batch} (500) at a
 * time, run together in one statement over the listings published since each one's cursor
 * ({@link ListingWatch#savedMatches}), and in the same transaction each search that caught something is told
 * once (one notice per search and run: how many, the newest) and every cursor advances (one statement).
 * A crash before the commit tells nothing and moves nothing; the next run does both.
 * A batch costs five statements and one per notice, whatever its size.
 */
@Component
class SearchAlerts implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SearchAlerts.class);

	private final TenantTransactions transactions;

	private final SavedSearchRepository searches;

	private final ListingWatch watch;

	private final MemberDirectory directory;

	private final Notifications notices;

	private final TenantRegistry registry;

	private final AlertsProperties properties;

	/** Wake-ups: one run at a time on this instance, one more waiting at most. */
	private final Sinks.Many<Boolean> wakes = Sinks.many().unicast().onBackpressureBuffer();

	private volatile Disposable worker;

	SearchAlerts(TenantTransactions transactions, SavedSearchRepository searches, ListingWatch watch, MemberDirectory directory,
			Notifications notices, TenantRegistry registry, AlertsProperties properties) {
		this.transactions = transactions;
		this.searches = searches;
		this.watch = watch;
		this.directory = directory;
		this.notices = notices;
		this.registry = registry;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${comptoir.alerts.interval:60s}", initialDelayString = "${comptoir.alerts.interval:60s}")
	void onSchedule() {
		wake();
	}

	private void wake() {
		synchronized (wakes) { // from many threads; a unicast sink takes one at a time
			wakes.tryEmitNext(true);
		}
	}

	/** Every chamber's saved searches run over what was published since their cursors. How many notices. */
	Mono<Long> run() {
		return searches.now(transactions.shared())
			.flatMap(started -> Flux.fromIterable(registry.all()).concatMap(tenant -> chamber(tenant, started)).reduce(0L, Long::sum));
	}

	/** A chamber's due searches, batch after batch until one comes back short. */
	private Mono<Long> chamber(Tenant tenant, OffsetDateTime started) {
		return batch(tenant, started)
			.expand(done -> done.claimed() < properties.batch() ? Mono.empty() : batch(tenant, started))
			.map(Batch::told)
			.reduce(0L, Long::sum);
	}

	private record Batch(int claimed, long told) {
	}

	private Mono<Batch> batch(Tenant tenant, OffsetDateTime started) {
		UUID t = tenant.tenantId();
		return transactions.mono(Reader.chamber(t), db -> searches.claim(db, t, started, properties.batch()).collectList().flatMap(due -> {
			if (due.isEmpty()) {
				return Mono.just(new Batch(0, 0));
			}
			Set<MemberKey> companies = due.stream().map(d -> new MemberKey(t, d.search().memberId())).collect(Collectors.toSet());
			return directory.visible(Reader.chamber(t), companies).flatMap(found -> {
				// an ACTIVE company's searches only: a suspended one hears nothing, and its cursors move on
				List<SavedQuery> queries = due.stream()
					.filter(d -> found.containsKey(new MemberKey(t, d.search().memberId()))
							&& found.get(new MemberKey(t, d.search().memberId())).active())
					.map(d -> new SavedQuery(d.search().savedSearchId(), d.search().memberId(), true, d.search().query(),
							d.search().filter(), d.checkedThrough()))
					.toList();
				Mono<ListingWatch.Window> window = queries.isEmpty() ? watch.horizon(db).map(h -> new ListingWatch.Window(h, List.of()))
						: watch.savedMatches(db, t, tenant.defaultLocale(), queries);
				return window.flatMap(w -> {
					Map<UUID, SavedSearch> byId = new HashMap<>();
					due.forEach(d -> byId.put(d.search().savedSearchId(), d.search()));
					return Flux.fromIterable(w.caught())
						.concatMap(caught -> tell(db, t, byId.get(caught.searchId()), caught).thenReturn(caught.searchId()), 0)
						.collectList()
						.flatMap(told -> searches.checked(db, t, byId.keySet(), told, w.through())
							.thenReturn(new Batch(due.size(), told.size())));
				});
			});
		}));
	}

	/** One notice for what a search caught in this run. */
	private Mono<Void> tell(DatabaseClient db, UUID tenantId, SavedSearch search, Caught caught) {
		Map<String, String> params = new HashMap<>();
		params.put("searchName", search.name());
		params.put("count", Integer.toString(caught.count()));
		params.put("listingTitle", caught.title() == null ? "" : caught.title());
		if (search.alert() == AlertMode.DIGEST) {
			params.put("delivery", "DIGEST");
		}
		String link = caught.count() == 1 ? caught.link()
				: "/saved-searches/" + GlobalId.of(SavedSearch.TYPE, tenantId, search.savedSearchId()).encode();
		return notices.record(db, tenantId, tenantId, search.memberId(), new Notice(Notice.Kind.SAVED_SEARCH_MATCHES, params), link);
	}

	@Override
	public void start() {
		worker = wakes.asFlux().onBackpressureLatest().concatMap(wake -> run().onErrorResume(ex -> {
			log.warn("Saved search alerts left for the next run: {}", ex.toString());
			return Mono.empty();
		}).doOnNext(told -> {
			if (told > 0) {
				log.debug("Saved search alerts: {} notices", told);
			}
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
