package org.comptoir.portal.chamber;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.comptoir.portal.PortalProperties;
import org.comptoir.portal.api.Api;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The network's chambers, read from the API ({@code PortalChambers.graphql}) and kept for a short while: every
 * request names its chamber by host, and a branding edit shows within {@link #FRESHNESS} (at once on the
 * instance that made it, {@link #refresh()}).
 */
@Component
public class Chambers {

	static final Duration FRESHNESS = Duration.ofSeconds(30);

	private static final Logger log = LoggerFactory.getLogger(Chambers.class);

	private final Api api;

	private final PortalProperties properties;

	private final AtomicReference<Mono<List<Chamber>>> all = new AtomicReference<>();

	Chambers(Api api, PortalProperties properties) {
		this.api = api;
		this.properties = properties;
		refresh();
	}

	/** Every chamber of the network, by name. */
	public Mono<List<Chamber>> all() {
		return all.get();
	}

	/** The chamber a host names: {@code <slug>.<base domain>} or a verified custom domain. */
	public Mono<Chamber> forHost(String host) {
		String name = host.toLowerCase();
		String suffix = "." + properties.baseDomain();
		return all().flatMap(chambers -> Mono.justOrEmpty(find(chambers, name, suffix)));
	}

	public Mono<Chamber> bySlug(String slug) {
		return all().flatMap(chambers -> Mono.justOrEmpty(chambers.stream().filter(c -> c.slug().equals(slug)).findFirst()));
	}

	private static Optional<Chamber> find(List<Chamber> chambers, String host, String suffix) {
		String slug = host.endsWith(suffix) ? host.substring(0, host.length() - suffix.length()) : null;
		return chambers.stream()
			.filter(c -> c.slug().equals(slug) || host.equals(c.customDomain()))
			.findFirst();
	}

	/** Reads the chambers again on next use (after a branding edit here). */
	@SuppressWarnings("unchecked")
	public void refresh() {
		Mono<List<Chamber>> read = api.anonymous("PortalChambers", Map.of())
			.map(data -> ((List<Map<String, Object>>) data.get("tenants")).stream()
				.map(Chamber::of)
				.sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
				.toList())
			.doOnError(ex -> log.warn("Cannot read the chambers from the API: {}", ex.toString()))
			.cache(found -> FRESHNESS, failed -> Duration.ofSeconds(1), () -> Duration.ZERO);
		all.set(read);
	}

}
