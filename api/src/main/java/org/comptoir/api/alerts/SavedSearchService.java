package org.comptoir.api.alerts;

import java.util.List;
import java.util.UUID;

import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.graphql.UserError;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.listing.ListingFilter;
import org.comptoir.api.listing.ListingWatch;
import org.comptoir.api.member.Member;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The rules of saved searches: a company's (any of its users saves, edits and deletes them; all are told),
 * at most {@code comptoir.alerts.free-saved-searches} (3) for a FREE company and
 * {@code premium-saved-searches} (25) for a PREMIUM one, the words and filter checked as search checks them.
 */
@Service
class SavedSearchService {

	record SaveSearchInput(String name, String query, ListingFilter filter, AlertMode alert) {
	}

	record UpdateSavedSearchInput(String savedSearchId, String name, String query, ListingFilter filter, AlertMode alert) {
	}

	record DeleteSavedSearchInput(String savedSearchId) {
	}

	record SavedSearchPayload(SavedSearch savedSearch, List<UserError> userErrors) {

		static SavedSearchPayload error(UserError error) {
			return new SavedSearchPayload(null, List.of(error));
		}
	}

	record DeleteSavedSearchPayload(String deletedSavedSearchId, List<UserError> userErrors) {
	}

	private static final int MAX_NAME = 100;

	private final TenantTransactions transactions;

	private final SavedSearchRepository searches;

	private final MemberDirectory directory;

	private final ListingWatch watch;

	private final AlertsProperties properties;

	SavedSearchService(TenantTransactions transactions, SavedSearchRepository searches, MemberDirectory directory, ListingWatch watch,
			AlertsProperties properties) {
		this.transactions = transactions;
		this.searches = searches;
		this.directory = directory;
		this.watch = watch;
		this.properties = properties;
	}

	/** The company's saved searches, oldest first; none for a user without a company in the chamber. */
	Mono<List<SavedSearch>> ofCaller(CurrentTenant tenant, UUID userId) {
		return directory.companyOf(tenant, userId)
			.flatMap(company -> transactions.read(Reader.chamber(tenant.id()),
					db -> searches.ofMember(db, tenant.id(), company.memberId()).collectList()))
			.defaultIfEmpty(List.of());
	}

	Mono<SavedSearchPayload> save(CurrentTenant tenant, Caller caller, SaveSearchInput input) {
		UserError invalid = invalid(input.name(), input.query(), input.filter());
		if (invalid != null) {
			return Mono.just(SavedSearchPayload.error(invalid));
		}
		return company(tenant, caller, "save a search").flatMap(company -> {
			int limit = properties.limit(company.tier());
			SavedSearch search = new SavedSearch(tenant.id(), UUID.randomUUID(), company.memberId(), input.name().trim(),
					blankToNull(input.query()), input.filter() == null ? ListingFilter.NONE : input.filter(),
					input.alert() == null ? AlertMode.INSTANT : input.alert(), null, null, 0);
			return transactions.mono(Reader.chamber(tenant.id()), db -> searches.lockAndCount(db, tenant.id(), company.memberId())
				.flatMap(count -> count >= limit
						? Mono.just(SavedSearchPayload.error(UserError.of("SAVED_SEARCH_LIMIT", "A " + company.tier()
								+ " company keeps at most " + limit + " saved searches: delete one"
								+ (company.tier().name().equals("FREE") ? ", or ask the chamber for PREMIUM." : "."))))
						: watch.horizon(db).flatMap(from -> searches.insert(db, search, caller.userId(), from))
							.map(saved -> new SavedSearchPayload(saved, List.of()))));
		});
	}

	Mono<SavedSearchPayload> update(CurrentTenant tenant, Caller caller, UpdateSavedSearchInput input) {
		UUID id = localId(tenant, input.savedSearchId());
		return company(tenant, caller, "edit a saved search").flatMap(company -> transactions.mono(Reader.chamber(tenant.id()),
				db -> searches.find(db, tenant.id(), company.memberId(), id).flatMap(old -> {
					SavedSearch next = new SavedSearch(old.tenantId(), old.savedSearchId(), old.memberId(),
							input.name() == null ? old.name() : input.name().trim(),
							input.query() == null ? old.query() : blankToNull(input.query()),
							input.filter() == null ? old.filter() : input.filter(), input.alert() == null ? old.alert() : input.alert(),
							old.createdAt(), old.lastAlertedAt(), old.version());
					UserError invalid = invalid(next.name(), next.query(), next.filter());
					return invalid != null ? Mono.just(SavedSearchPayload.error(invalid))
							: watch.horizon(db).flatMap(from -> searches.update(db, next, from)).map(saved -> new SavedSearchPayload(saved, List.of()));
				}))
			.defaultIfEmpty(SavedSearchPayload.error(notFound())));
	}

	Mono<DeleteSavedSearchPayload> delete(CurrentTenant tenant, Caller caller, DeleteSavedSearchInput input) {
		UUID id = localId(tenant, input.savedSearchId());
		return company(tenant, caller, "delete a saved search").flatMap(company -> transactions.mono(Reader.chamber(tenant.id()),
				db -> searches.delete(db, tenant.id(), company.memberId(), id)))
			.map(deleted -> deleted > 0 ? new DeleteSavedSearchPayload(input.savedSearchId(), List.of())
					: new DeleteSavedSearchPayload(null, List.of(notFound())));
	}

	/** The caller's company in the chamber: FORBIDDEN without one, or for a SUSPENDED or REJECTED one. */
	private Mono<Member> company(CurrentTenant tenant, Caller caller, String action) {
		return directory.companyOf(tenant, caller.userId())
			.switchIfEmpty(Mono.error(() -> ApiException.forbidden("Only a company's users may " + action + ".")))
			.map(company -> MemberDirectory.requireNotBarred(company, action));
	}

	/** A name and a search that search itself would take; bounds past search's own are BAD_USER_INPUT from it. */
	private static UserError invalid(String name, String query, ListingFilter filter) {
		if (name == null || name.isBlank() || name.trim().length() > MAX_NAME) {
			return UserError.of("INVALID_NAME", "A saved search's name is 1 to " + MAX_NAME + " characters.", "input", "name");
		}
		ListingWatch.check(query, filter);
		return null;
	}

	private static UUID localId(CurrentTenant tenant, String id) {
		GlobalId global = GlobalId.require(id, SavedSearch.TYPE, "savedSearchId");
		return global.tenantId().equals(tenant.id()) ? global.localId() : new UUID(0, 0);
	}

	private static UserError notFound() {
		return UserError.of("NOT_FOUND", "No such saved search of your company.", "input", "savedSearchId");
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.trim();
	}

}
