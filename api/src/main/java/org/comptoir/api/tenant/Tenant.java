package org.comptoir.api.tenant;

import java.util.List;
import java.util.UUID;

import org.comptoir.api.graphql.GlobalId;
import org.comptoir.tenants.CurrentTenant;

/** A chamber of the network, as stored. */
public record Tenant(UUID tenantId, String slug, String name, TenantKind kind, String country, String defaultLocale,
		List<String> locales, String currency, Branding branding, int freeListingQuota, int version) {

	public static final String TYPE = "Tenant";

	/** @param tenantId the chamber's (what its logo and favicon, pictures of the media feature, are found by) */
	public record Branding(UUID tenantId, String displayName, String logoUrl, String primaryColor, String accentColor,
			String customDomain) {
	}

	public String id() {
		return GlobalId.of(TYPE, tenantId, null).encode();
	}

	public CurrentTenant asCurrent() {
		return new CurrentTenant(tenantId, slug);
	}

}
