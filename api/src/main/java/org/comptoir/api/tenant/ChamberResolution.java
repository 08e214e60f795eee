package org.comptoir.api.tenant;

import org.comptoir.api.ComptoirProperties;
import org.comptoir.tenants.CurrentTenant;
import org.comptoir.tenants.TenantResolver;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The chamber a request names ({@code X-Tenant}, else the host), looked up in the registry: the one
 * resolution behind HTTP, SSE and WebSocket alike. Checking the caller against it is the identity
 * feature's {@code RequestIdentity}.
 */
@Component
public class ChamberResolution {

	/** What a request names: nothing, a chamber of the registry, or a slug no chamber has. */
	public sealed interface Named {

		/** The slug named, null when nothing is. */
		@Nullable String slug();

		record None() implements Named {

			@Override
			public @Nullable String slug() {
				return null;
			}
		}

		record Known(CurrentTenant tenant) implements Named {

			@Override
			public String slug() {
				return tenant.slug();
			}
		}

		record Unknown(String slug, String source) implements Named {

			/** The {@code TENANT_NOT_FOUND} message. */
			public String message() {
				return "No chamber '" + slug + "' (from " + source + ").";
			}
		}
	}

	private final TenantRegistry registry;

	private final TenantResolver resolver;

	ChamberResolution(TenantRegistry registry, ComptoirProperties properties) {
		this.registry = registry;
		this.resolver = new TenantResolver(properties.baseDomain(), registry::slugOfDomain);
	}

	/** The chamber named by an {@code X-Tenant} value, else by a host (either may be null). */
	public Mono<Named> named(@Nullable String header, @Nullable String host) {
		if (!(resolver.resolve(header, host) instanceof TenantResolver.Resolution.Named named)) {
			return Mono.just(new Named.None());
		}
		return registry.bySlug(named.slug())
			.<Named>map(tenant -> new Named.Known(tenant.asCurrent()))
			.defaultIfEmpty(new Named.Unknown(named.slug(), named.source()));
	}

	/** The chamber of a token's realm, empty when the realm is no chamber ({@code platform}). */
	public Mono<CurrentTenant> ofRealm(String realm) {
		return registry.bySlug(realm).map(Tenant::asCurrent);
	}

}
