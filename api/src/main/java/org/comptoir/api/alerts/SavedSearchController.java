package org.comptoir.api.alerts;

import java.util.List;
import java.util.UUID;

import org.comptoir.api.alerts.SavedSearchService.DeleteSavedSearchInput;
import org.comptoir.api.alerts.SavedSearchService.DeleteSavedSearchPayload;
import org.comptoir.api.alerts.SavedSearchService.SaveSearchInput;
import org.comptoir.api.alerts.SavedSearchService.SavedSearchPayload;
import org.comptoir.api.alerts.SavedSearchService.UpdateSavedSearchInput;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.identity.Viewer;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.listing.ListingFilter;
import org.comptoir.api.listing.ListingScope;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** {@code viewer.savedSearches} and the mutations that keep them. */
@Controller
record SavedSearchController(SavedSearchService searches) {

	@SchemaMapping(typeName = "Viewer")
	Mono<List<SavedSearch>> savedSearches(Viewer viewer) {
		return searches.ofCaller(viewer.currentTenant(), UUID.fromString(viewer.user().id()));
	}

	@SchemaMapping(typeName = "SavedSearch")
	String id(SavedSearch search) {
		return GlobalId.of(SavedSearch.TYPE, search.tenantId(), search.savedSearchId()).encode();
	}

	/** The scope as search reads it: NETWORK when not given. */
	@SchemaMapping(typeName = "SavedSearchFilter")
	ListingScope scope(ListingFilter filter) {
		return filter.scope() == null ? ListingScope.NETWORK : filter.scope();
	}

	@MutationMapping
	Mono<SavedSearchPayload> saveSearch(@Argument SaveSearchInput input, Visit visit) {
		return searches.save(visit.chamber(), visit.signedIn(), input);
	}

	@MutationMapping
	Mono<SavedSearchPayload> updateSavedSearch(@Argument UpdateSavedSearchInput input, Visit visit) {
		return searches.update(visit.chamber(), visit.signedIn(), input);
	}

	@MutationMapping
	Mono<DeleteSavedSearchPayload> deleteSavedSearch(@Argument DeleteSavedSearchInput input, Visit visit) {
		return searches.delete(visit.chamber(), visit.signedIn(), input);
	}

}
