package org.comptoir.api.tenant;

/** What kind of body a chamber is (GraphQL {@code TenantKind}); stored by name, as the chamber files write it. */
public enum TenantKind {
	CHAMBER_OF_COMMERCE, BUSINESS_ASSOCIATION
}
