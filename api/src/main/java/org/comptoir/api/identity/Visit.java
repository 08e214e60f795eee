package org.comptoir.api.identity;

import java.util.Optional;

import graphql.GraphQLContext;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.tenants.CurrentTenant;
import org.comptoir.tenants.TenantContext;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The chamber and the caller of one request, resolved once ({@link RequestIdentity}) for HTTP and
 * WebSocket alike, and handed to controllers as an argument ({@link VisitArgumentResolver}). Its
 * accessors declare what a field needs: a chamber ({@code TENANT_NOT_FOUND}), a signed-in caller
 * ({@code UNAUTHENTICATED}), a chamber admin or a platform admin ({@code FORBIDDEN}).
 * A class rather than a record: the accessors check instead of handing out nulls.
 */
public final class Visit {

	/** No chamber named, nobody signed in (the network directory, a federation router). */
	public static final Visit NONE = new Visit(null, null);

	private final @Nullable CurrentTenant chamber;

	private final @Nullable Caller caller;

	public Visit(@Nullable CurrentTenant chamber, @Nullable Caller caller) {
		this.chamber = chamber;
		this.caller = caller;
	}

	/** The visit of the GraphQL request, for batch loaders and entity mappings (controllers take it as an argument). */
	public static Visit of(GraphQLContext context) {
		return context.getOrDefault(Visit.class, NONE);
	}

	/** The visit a web filter or a socket's interceptor resolved, as it travels in the Reactor context. */
	public static Visit of(ContextView context) {
		return context.getOrDefault(Visit.class, NONE);
	}

	/** The Reactor context carrying this visit (and its chamber, for the tenancy library's readers). */
	public Context into(Context context) {
		Context withVisit = context.put(Visit.class, this);
		return chamber == null ? withVisit.delete(CurrentTenant.class) : TenantContext.with(withVisit, chamber);
	}

	/** The chamber, or {@code TENANT_NOT_FOUND} when the request names none. */
	public CurrentTenant chamber() {
		if (chamber == null) {
			throw new ApiException(ErrorCode.TENANT_NOT_FOUND,
					"This request names no chamber: send the X-Tenant header, use the chamber's host name, or sign in.");
		}
		return chamber;
	}

	public Optional<CurrentTenant> findChamber() {
		return Optional.ofNullable(chamber);
	}

	/** Who is signed in, empty when anonymous. */
	public Optional<Caller> caller() {
		return Optional.ofNullable(caller);
	}

	/** The signed-in caller, or {@code UNAUTHENTICATED}. */
	public Caller signedIn() {
		if (caller == null) {
			throw ApiException.unauthenticated();
		}
		return caller;
	}

	/** Whether the caller runs this request's chamber (false without a chamber or a caller). */
	public boolean isChamberAdmin() {
		return chamber != null && isAdminOf(chamber.slug());
	}

	/** Whether the caller runs the chamber {@code slug}. */
	public boolean isAdminOf(String slug) {
		return caller != null && caller.isAdminOf(slug);
	}

	/** An admin of the chamber, else {@code FORBIDDEN} "Only the chamber's admins may do this.". */
	public Caller chamberAdmin() {
		return chamberAdmin("may do this");
	}

	/** An admin of the chamber, else {@code FORBIDDEN} "Only the chamber's admins {@code action}.". */
	public Caller chamberAdmin(String action) {
		CurrentTenant tenant = chamber();
		Caller admin = signedIn();
		if (!admin.isAdminOf(tenant.slug())) {
			throw ApiException.forbidden("Only the chamber's admins " + action + ".");
		}
		return admin;
	}

	/** A platform admin, else {@code FORBIDDEN} "Only platform admins {@code action}.". */
	public Caller platformAdmin(String action) {
		Caller admin = signedIn();
		if (!Caller.PLATFORM_REALM.equals(admin.realm()) || !admin.hasRole(Caller.PLATFORM_ADMIN)) {
			throw ApiException.forbidden("Only platform admins " + action + ".");
		}
		return admin;
	}

	@Override
	public String toString() {
		return "Visit[" + (chamber == null ? "-" : chamber.slug()) + ", " + (caller == null ? "anonymous" : caller.realm() + "/" + caller.userId()) + "]";
	}

}
