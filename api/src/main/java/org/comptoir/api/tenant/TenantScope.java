package org.comptoir.api.tenant;

import java.util.Optional;

import graphql.GraphQLContext;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.tenants.CurrentTenant;

/** The chamber of the current GraphQL request, as put in its context by {@link TenantGraphQlInterceptor}. */
public final class TenantScope {

	private TenantScope() {
	}

	public static Optional<CurrentTenant> find(GraphQLContext context) {
		return Optional.ofNullable(context.get(CurrentTenant.class));
	}

	/** The current chamber, or {@code TENANT_NOT_FOUND} when the request names none. */
	public static CurrentTenant require(GraphQLContext context) {
		return find(context).orElseThrow(() -> new ApiException(ErrorCode.TENANT_NOT_FOUND,
				"This request names no chamber: send the X-Tenant header, use the chamber's host name, or sign in."));
	}

}
