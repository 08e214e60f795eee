package org.comptoir.api.listing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import graphql.GraphQLContext;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.Connections;
import org.comptoir.api.graphql.Connections.Edge;
import org.comptoir.api.graphql.Connections.PageInfo;
import org.comptoir.api.graphql.ErrorCode;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.graphql.NodeLoader;
import org.comptoir.api.hs.HsCode;
import org.comptoir.api.hs.HsNomenclature;
import org.comptoir.api.identity.Caller;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.listing.ListingInputs.CloseListingInput;
import org.comptoir.api.listing.ListingInputs.CreateListingInput;
import org.comptoir.api.listing.ListingInputs.Facet;
import org.comptoir.api.listing.ListingInputs.FacetValue;
import org.comptoir.api.listing.ListingInputs.ListingFilter;
import org.comptoir.api.listing.ListingInputs.ListingPayload;
import org.comptoir.api.listing.ListingInputs.ListingTranslation;
import org.comptoir.api.listing.ListingInputs.UpdateListingInput;
import org.comptoir.api.member.Member;
import org.comptoir.api.member.MemberDirectory;
import org.comptoir.api.member.MemberDirectory.MemberKey;
import org.comptoir.api.tenant.Tenant;
import org.comptoir.api.tenant.TenantRegistry;
import org.comptoir.tenants.CurrentTenant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class ListingController implements NodeLoader {

	record ListingConnection(List<Edge<Listing>> edges, PageInfo pageInfo, int totalCount, boolean totalCountIsExact,
			List<Facet> facets) {
	}

	private final ListingRepository listings;

	private final ListingRules rules;

	private final MemberDirectory directory;

	private final HsNomenclature hs;

	private final TenantRegistry registry;

	private final int countCap;

	ListingController(ListingRepository listings, ListingRules rules, MemberDirectory directory, HsNomenclature hs,
			TenantRegistry registry, @Value("${comptoir.search.count-cap:1000}") int countCap) {
		this.listings = listings;
		this.rules = rules;
		this.directory = directory;
		this.hs = hs;
		this.registry = registry;
		this.countCap = countCap;
	}

	// ---- reading ---------------------------------------------------------------

	@QueryMapping
	Mono<Listing> listing(@Argument String id, GraphQLContext context) {
		return load(GlobalId.require(id, Listing.TYPE, "id"), context);
	}

	@Override
	public String type() {
		return Listing.TYPE;
	}

	/**
	 * Live listings (published, not past expiry, of an ACTIVE company) of the chamber and of the network
	 * to everyone who may read them (MEMBERS ones: the chamber's members); the others (drafts, closed
	 * ones, a suspended company's) only to the company's own users and to the chamber's admins.
	 */
	@Override
	public Mono<Listing> load(GlobalId id, GraphQLContext context) {
		CurrentTenant tenant = Visit.of(context).chamber();
		Optional<Caller> caller = Visit.of(context).caller();
		return directory.reader(context, tenant, caller).flatMap(reader -> listings.find(reader, id.tenantId(), id.localId())
			.filterWhen(listing -> listing.live() ? Mono.just(true) : rules.mayManage(tenant, listing, caller)));
	}

	@QueryMapping
	Mono<ListingConnection> listings(@Argument String query, @Argument ListingFilter filter, @Argument String sort,
			@Argument Integer first, @Argument String after, GraphQLContext context, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		ListingInputs.checkSearch(query, filter);
		int size = Connections.pageSize(first, 20, 100);
		ListingCursor cursor = after == null ? null
				: ListingCursor.decode(after).orElseThrow(() -> ApiException.badInput("Invalid cursor: " + after));
		ListingFilter f = filter == null ? new ListingFilter(null, null, null, null, null) : filter;
		if (f.hsCodePrefixes() != null && f.hsCodePrefixes().stream().anyMatch(p -> !p.matches("[0-9]{2}([0-9]{2}){0,2}"))) {
			throw ApiException.badInput("hsCodePrefixes are HS chapters, headings or subheadings (2, 4 or 6 digits): " + f.hsCodePrefixes());
		}
		GlobalId member = f.memberId() == null ? null : GlobalId.require(f.memberId(), Member.TYPE, "filter.memberId");
		boolean hasText = query != null && !query.isBlank();
		boolean relevance = hasText && !"NEWEST".equals(sort);
		ListingRepository.SearchQuery searchQuery = new ListingRepository.SearchQuery(query, f.kinds(), f.hsCodePrefixes(),
				f.originCountries(), !"CHAMBER".equals(f.scope()), member == null ? null : member.tenantId(),
				member == null ? null : member.localId(), relevance, size, cursor, countCap);
		String locale = registry.find(tenant.id()).map(Tenant::defaultLocale).orElse("fr");
		return directory.reader(context, tenant, visit.caller()).flatMap(reader -> listings.search(reader, searchQuery)).map(result -> {
			List<Edge<Listing>> edges = result.rows().stream()
				.map(row -> new Edge<>(new ListingCursor(relevance ? row.rank() : null, row.listing().publishedAt(),
						row.listing().tenantId(), row.listing().listingId()).encode(), row.listing()))
				.toList();
			PageInfo pageInfo = Connections.Connection.of(edges, result.hasNext(), cursor != null, result.total()).pageInfo();
			return new ListingConnection(edges, pageInfo, result.total(), result.exact(), facets(result.facets(), locale));
		});
	}

	private List<Facet> facets(List<ListingRepository.FacetCount> counts, String locale) {
		Map<String, List<FacetValue>> byField = new LinkedHashMap<>();
		for (String field : List.of("kind", "hsChapter", "originCountry", "tenant")) {
			byField.put(field, new ArrayList<>());
		}
		java.util.Locale display = java.util.Locale.forLanguageTag(locale);
		for (ListingRepository.FacetCount c : counts) {
			String value = c.value();
			String label = switch (c.field()) {
				case "kind" -> "fr".equals(locale) ? ("OFFER".equals(value) ? "Offres" : "Demandes")
						: ("OFFER".equals(value) ? "Offers" : "Requests");
				case "hsChapter" -> locale.startsWith("fr") ? c.titleFr() : c.titleEn();
				case "originCountry" -> value.isEmpty() ? ("fr".equals(locale) ? "Non précisé" : "Not given")
						: new java.util.Locale("", value).getDisplayCountry(display);
				default -> null;
			};
			if ("tenant".equals(c.field())) {
				Optional<Tenant> tenant = registry.find(UUID.fromString(value));
				value = tenant.map(Tenant::slug).orElse(value);
				label = tenant.map(Tenant::name).orElse(null);
			}
			if ("originCountry".equals(c.field()) && value.isEmpty()) {
				value = "UNKNOWN";
			}
			byField.get(c.field()).add(new FacetValue(value, label, c.count()));
		}
		return byField.entrySet().stream().map(e -> new Facet(e.getKey(), e.getValue())).toList();
	}

	@SchemaMapping(typeName = "Member")
	Mono<Connections.Connection<Listing>> listings(Member member, @Argument Integer first, @Argument String after,
			GraphQLContext context, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		int size = Connections.pageSize(first, 20, 100);
		ListingCursor cursor = after == null ? null
				: ListingCursor.decode(after).orElseThrow(() -> ApiException.badInput("Invalid cursor: " + after));
		Optional<Caller> caller = visit.caller();
		return rules.mayManage(tenant, member.tenantId(), member.memberId(), caller)
			.zipWith(directory.reader(context, tenant, caller))
			.flatMap(own -> listings.byMember(own.getT2(), member.tenantId(), member.memberId(), own.getT1(), size, cursor))
			.map(page -> Connections.Connection.of(page.listings().stream()
				.map(l -> new Edge<>(new ListingCursor(null, l.publishedAt() == null ? OffsetDateTime.now(ZoneOffset.UTC) : l.publishedAt(),
						l.tenantId(), l.listingId()).encode(), l))
				.toList(), page.hasNext(), cursor != null, page.total()));
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

	@BatchMapping(typeName = "Listing")
	Mono<Map<Listing, HsCode>> hsCode(List<Listing> batch) {
		return hs.byCodes(batch.stream().map(Listing::hsCode).collect(Collectors.toSet()))
			.map(codes -> batch.stream().filter(l -> codes.containsKey(l.hsCode()))
				.collect(Collectors.toMap(l -> l, l -> codes.get(l.hsCode()), (a, b) -> a, LinkedHashMap::new)));
	}

	/** One statement for the companies of a whole page, whatever their chambers. */
	@BatchMapping(typeName = "Listing")
	Mono<Map<Listing, Member>> member(List<Listing> batch, GraphQLContext context) {
		CurrentTenant tenant = Visit.of(context).findChamber()
			.orElseGet(() -> new CurrentTenant(batch.get(0).tenantId(), null));
		return directory.reader(context, tenant, Visit.of(context).caller())
			.flatMap(reader -> directory.visible(reader, batch.stream().map(l -> new MemberKey(l.tenantId(), l.memberId())).toList()))
			.map(found -> {
				Map<Listing, Member> result = new LinkedHashMap<>();
				batch.forEach(l -> {
					Member m = found.get(new MemberKey(l.tenantId(), l.memberId()));
					if (m != null) {
						result.put(l, m);
					}
				});
				return result;
			});
	}

	// ---- writing ---------------------------------------------------------------

	@MutationMapping
	Mono<ListingPayload> createListing(@Argument CreateListingInput input, GraphQLContext context, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		Caller caller = visit.signedIn();
		return rules.create(tenant, caller, input);
	}

	@MutationMapping
	Mono<ListingPayload> updateListing(@Argument UpdateListingInput input, GraphQLContext context, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		Caller caller = visit.signedIn();
		return editable(context, tenant, caller, input.listingId())
			.flatMap(own -> {
				MemberDirectory.requireNotBarred(own.company(), "edit its listings");
				return rules.update(tenant, caller, own.listing(), input);
			});
	}

	@MutationMapping
	Mono<ListingPayload> closeListing(@Argument CloseListingInput input, GraphQLContext context, Visit visit) {
		CurrentTenant tenant = visit.chamber();
		Caller caller = visit.signedIn();
		// any company, whatever its status, may take its own listing down
		return editable(context, tenant, caller, input.listingId()).flatMap(own -> rules.close(tenant, own.listing()));
	}

	private record OwnListing(Listing listing, Member company) {
	}

	/** A listing of the caller's own company in this chamber, with that company; anything else is NOT_FOUND or FORBIDDEN. */
	private Mono<OwnListing> editable(GraphQLContext context, CurrentTenant tenant, Caller caller, String listingId) {
		GlobalId id = GlobalId.require(listingId, Listing.TYPE, "listingId");
		if (!id.tenantId().equals(tenant.id())) {
			return Mono.error(new ApiException(ErrorCode.NOT_FOUND, "No such listing in this chamber."));
		}
		return directory.reader(context, tenant, Optional.of(caller))
			.flatMap(reader -> listings.find(reader, id.tenantId(), id.localId()))
			.switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "No such listing in this chamber.")))
			.flatMap(listing -> directory.companyOf(tenant, caller.userId())
				.filter(company -> company.memberId().equals(listing.memberId()))
				.map(company -> new OwnListing(listing, company))
				.switchIfEmpty(Mono.error(ApiException.forbidden("Only the company's own users edit its listings."))));
	}

}
