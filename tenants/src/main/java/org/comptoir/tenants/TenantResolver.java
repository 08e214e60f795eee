package org.comptoir.tenants;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides which chamber a request names, following the portal contract: the {@code X-Tenant}
 * header, else the host ({@code <slug>.<base domain>} or a chamber's custom domain). The token's
 * issuer, the third rule, is applied by the security layer.
 */
public final class TenantResolver {

	/** What the request names: a slug (known or not), or nothing. */
	public sealed interface Resolution {
		record Named(String slug, String source) implements Resolution {
		}

		record None() implements Resolution {
		}
	}

	private final String baseDomain;

	private final Function<String, Optional<String>> slugOfCustomDomain;

	/**
	 * @param baseDomain the domain under which {@code <slug>.<baseDomain>} names a chamber, e.g. {@code localhost}
	 * @param slugOfCustomDomain looks up the chamber that owns a custom domain
	 */
	public TenantResolver(String baseDomain, Function<String, Optional<String>> slugOfCustomDomain) {
		this.baseDomain = baseDomain.toLowerCase(Locale.ROOT);
		this.slugOfCustomDomain = slugOfCustomDomain;
	}

	public Resolution resolve(String tenantHeader, String host) {
		if (tenantHeader != null && !tenantHeader.isBlank()) {
			return new Resolution.Named(tenantHeader.trim().toLowerCase(Locale.ROOT), "X-Tenant header");
		}
		if (host == null || host.isBlank()) {
			return new Resolution.None();
		}
		String name = stripPort(host.trim().toLowerCase(Locale.ROOT));
		Optional<String> custom = slugOfCustomDomain.apply(name);
		if (custom.isPresent()) {
			return new Resolution.Named(custom.get(), "custom domain " + name);
		}
		for (String domain : new String[] { baseDomain, "localhost" }) {
			String suffix = "." + domain;
			if (name.endsWith(suffix)) {
				String label = name.substring(0, name.length() - suffix.length());
				if (!label.isEmpty() && !label.contains(".")) {
					return new Resolution.Named(label, "host " + name);
				}
			}
		}
		return new Resolution.None();
	}

	private static String stripPort(String host) {
		if (host.startsWith("[")) {
			return host; // IPv6 literal: never a chamber
		}
		int colon = host.indexOf(':');
		return colon < 0 ? host : host.substring(0, colon);
	}

}
