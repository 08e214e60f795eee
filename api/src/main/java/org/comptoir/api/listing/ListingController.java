package org.comptoir.api.listing;

import java.util.List;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.comptoir.api.graphql.CompiledFields;
import org.comptoir.api.graphql.Connections;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.graphql.NodeLoader;
import org.comptoir.api.hs.HsCode;
import org.comptoir.api.hs.HsNomenclature;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.listing.ListingInputs.CloseListingInput;
import org.comptoir.api.listing.ListingInputs.CreateListingInput;
import org.comptoir.api.listing.ListingInputs.ListingConnection;
import org.comptoir.api.listing.ListingInputs.ListingPayload;
import org.comptoir.api.listing.ListingInputs.ListingTranslation;
import org.comptoir.api.listing.ListingInputs.UpdateListingInput;
import org.comptoir.api.member.Member;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.tenants.CurrentTenant;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
record ListingController(ListingService listings, MarketplaceSearch search, HsNomenclature hs, TenantRegistry registry)
		implements NodeLoader, CompiledFields {

	// ---- reading ---------------------------------------------------------------

	@QueryMapping
	Mono<Listing> listing(@Argument String id, GraphQLContext context) {
		return load(GlobalId.require(id, Listing.TYPE, "id"), context);
	}

	@Override
	public String type() {
		return Listing.TYPE;
	}

	@Override
	public Mono<Listing> load(GlobalId id, GraphQLContext context) {
		Visit visit = Visit.of(context);
		return listings.find(context, visit.chamber(), visit.caller(), id);
	}

	/** Counts and facets only when the request selects them: a page of rows only costs no counting. */
	@QueryMapping
	Mono<ListingConnection> listings(@Argument String query, @Argument ListingFilter filter, @Argument ListingSort sort,
			@Argument Integer first, @Argument String after, GraphQLContext context, Visit visit, DataFetchingEnvironment env) {
		DataFetchingFieldSelectionSet selection = env.getSelectionSet();
		return search.search(context, visit.chamber(), visit.caller(), query, filter, sort, first, after,
				COUNTS.stream().anyMatch(selection::contains));
	}

	/** The fields of a search result that need its counts. */
	private static final List<String> COUNTS = List.of("totalCount", "totalCountIsExact", "facets");

	/** A search page and its listings' fields, written in one pass ({@link CompiledFields}). */
	@Override
	public void declare(Declarations declarations) {
		declarations.root("listings", (arguments, selected, context) -> {
			Visit visit = Visit.of(context);
			return search.search(context, visit.chamber(), visit.caller(), arguments.get("query", String.class),
					arguments.get("filter", ListingFilter.class), arguments.get("sort", ListingSort.class),
					arguments.get("first", Integer.class), arguments.get("after", String.class), COUNTS.stream().anyMatch(selected::contains));
		});
		declarations.root("listing", (arguments, selected, context) -> listing(arguments.get("id", String.class), context));
		declarations.loaded("Member", "listings", Member.class, (member, arguments, context) -> listings(member,
				arguments.get("first", Integer.class), arguments.get("after", String.class), context, Visit.of(context)));
		declarations.field("Listing", "title", Listing.class, (listing, arguments, context) -> title(listing, arguments.get("locale", String.class)));
		declarations.field("Listing", "hsCode", Listing.class, (listing, arguments, context) -> {
			HsCode known = hs.known(listing.hsCode());
			if (known == null) {
				throw new NotHere("HS code " + listing.hsCode() + " not in memory yet");
			}
			return known;
		});
		declarations.field("Listing", "member", Listing.class, (listing, arguments, context) -> {
			if (listing.company() == null) {
				throw new NotHere("a listing read without its company");
			}
			return listing.company().member();
		});
	}

	@SchemaMapping(typeName = "Member")
	Mono<Connections.Connection<Listing>> listings(Member member, @Argument Integer first, @Argument String after,
			GraphQLContext context, Visit visit) {
		return listings.memberListings(context, visit.chamber(), visit.caller(), member, first, after);
	}

	@SchemaMapping(typeName = "Listing")
	String title(Listing listing, @Argument String locale) {
		return listing.translation(locale, defaultLocale(listing)).title();
	}

	@SchemaMapping(typeName = "Listing")
	String description(Listing listing, @Argument String locale) {
		return listing.translation(locale, defaultLocale(listing)).description();
	}

	@SchemaMapping(typeName = "Listing")
	List<ListingTranslation> translations(Listing listing) {
		return listing.translations().entrySet().stream()
			.map(e -> new ListingTranslation(e.getKey(), e.getValue().title(), e.getValue().description()))
			.toList();
	}

	private String defaultLocale(Listing listing) {
		return registry.find(listing.tenantId()).map(Tenant::defaultLocale).orElse(listing.locale());
	}

	/**
	 * From memory once the code has been read (the nomenclature is small): a page's HS titles then cost
	 * no batch load; the codes not in memory yet are read together (the HS feature's batch loader).
	 */
	@SchemaMapping(typeName = "Listing")
	Object hsCode(Listing listing, DataLoader<String, HsCode> hsCodes) {
		HsCode known = hs.known(listing.hsCode());
		return known != null ? known : hsCodes.load(listing.hsCode());
	}

	/**
	 * The companies of a whole page, whatever their chambers: a search page's or a company page's rows
	 * carry theirs (read in the page's statement), the others come in one statement.
	 */
	@BatchMapping(typeName = "Listing")
	Mono<Map<Listing, Member>> member(List<Listing> batch, GraphQLContext context) {
		Visit visit = Visit.of(context);
		CurrentTenant tenant = visit.findChamber().orElseGet(() -> new CurrentTenant(batch.get(0).tenantId(), null));
		return listings.companies(context, tenant, visit.caller(), batch);
	}

	// ---- writing ---------------------------------------------------------------

	@MutationMapping
	Mono<ListingPayload> createListing(@Argument CreateListingInput input, Visit visit) {
		return listings.create(visit.chamber(), visit.signedIn(), input);
	}

	@MutationMapping
	Mono<ListingPayload> updateListing(@Argument UpdateListingInput input, GraphQLContext context, Visit visit) {
		return listings.update(context, visit.chamber(), visit.signedIn(), input);
	}

	@MutationMapping
	Mono<ListingPayload> closeListing(@Argument CloseListingInput input, GraphQLContext context, Visit visit) {
		return listings.close(context, visit.chamber(), visit.signedIn(), input.listingId());
	}

}
