package org.comptoir.api.tenant;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The chambers in memory: a few dozen rows read on every request (resolution by slug or domain), so they
 * are kept as an immutable snapshot, reloaded after a local change, on a miss (a chamber opened by
 * another instance), and every 30 seconds (branding edited on another instance).
 */
@Component
public class TenantRegistry {

	private record Snapshot(List<Tenant> all, Map<String, Tenant> bySlug, Map<UUID, Tenant> byId,
			Map<String, Tenant> byDomain, long loadedAtNanos) {

		static Snapshot of(List<Tenant> tenants) {
			return new Snapshot(tenants.stream().sorted(Comparator.comparing(Tenant::slug)).toList(),
					index(tenants, Tenant::slug), index(tenants, Tenant::tenantId),
					tenants.stream().filter(t -> t.branding().customDomain() != null)
						.collect(Collectors.toUnmodifiableMap(t -> t.branding().customDomain(), Function.identity())),
					System.nanoTime());
		}

		private static <K> Map<K, Tenant> index(List<Tenant> tenants, Function<Tenant, K> key) {
			return tenants.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
		}
	}

	private static final Duration MISS_RELOAD_INTERVAL = Duration.ofSeconds(1);

	private final TenantRepository repository;

	private volatile Snapshot snapshot = Snapshot.of(List.of());

	TenantRegistry(TenantRepository repository) {
		this.repository = repository;
	}

	/** Reads every chamber again; call after a change. */
	public Mono<Void> reload() {
		return repository.findAll().collectList().doOnNext(all -> snapshot = Snapshot.of(all)).then();
	}

	@Scheduled(fixedDelayString = "${comptoir.tenancy.refresh:30s}", initialDelayString = "${comptoir.tenancy.refresh:30s}")
	void refresh() {
		reload().onErrorComplete().subscribe();
	}

	public List<Tenant> all() {
		return snapshot.all();
	}

	/** The chamber with this slug; on a miss, reads the database again (at most once a second). */
	public Mono<Tenant> bySlug(String slug) {
		return lookup(s -> s.bySlug().get(slug));
	}

	public Mono<Tenant> byId(UUID id) {
		return lookup(s -> s.byId().get(id));
	}

	/** The chamber with this id, from memory (no reload): for batch loaders. */
	public Optional<Tenant> find(UUID id) {
		return Optional.ofNullable(snapshot.byId().get(id));
	}

	/** The slug of the chamber whose custom domain this host is (from memory, no I/O). */
	public Optional<String> slugOfDomain(String host) {
		return Optional.ofNullable(snapshot.byDomain().get(host)).map(Tenant::slug);
	}

	/** Lazy: the snapshot is read when subscribed, so {@code reload().then(byId(..))} sees the reloaded one. */
	private Mono<Tenant> lookup(Function<Snapshot, Tenant> find) {
		return Mono.defer(() -> lookupNow(find));
	}

	private Mono<Tenant> lookupNow(Function<Snapshot, Tenant> find) {
		Snapshot current = snapshot;
		Tenant found = find.apply(current);
		if (found != null) {
			return Mono.just(found);
		}
		if (System.nanoTime() - current.loadedAtNanos() < MISS_RELOAD_INTERVAL.toNanos()) {
			return Mono.empty();
		}
		return reload().then(Mono.fromSupplier(() -> find.apply(snapshot)));
	}

}
