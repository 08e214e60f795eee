package org.comptoir.api.listing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.comptoir.api.database.SqlStatements;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class MarketplaceIntegrationTests extends Chambers {

	@Autowired
	SqlStatements statements;

	private GraphQlTester.Response search(String slug, String query, Map<String, Object> filter, int first) {
		return anonymous(slug).documentName("MarketplaceSearch").variable("query", query).variable("filter", filter)
			.variable("first", first).execute();
	}

	/** A senegal listing of the given visibility, found from senegal itself. */
	private String senegalListing(String visibility, String hsPrefix) {
		Map<String, Object> filter = hsPrefix == null ? Map.of("scope", "CHAMBER")
				: Map.of("scope", "CHAMBER", "hsCodePrefixes", List.of(hsPrefix));
		List<Map<String, Object>> edges = search("senegal", null, filter, 100)
			.path("listings.edges[*].node").entityList(Map.class).get().stream().map(m -> (Map<String, Object>) m).toList();
		return edges.stream().filter(n -> visibility.equals(n.get("visibility"))).map(n -> (String) n.get("id")).findFirst()
			.orElseThrow(() -> new AssertionError("no " + visibility + " listing under " + hsPrefix + " in senegal"));
	}

	@Test
	void senegaleseNetworkOfferIsFoundFromMarocWithNetworkScopeOnly() {
		String offer = senegalListing("NETWORK", "0801");
		List<String> network = search("maroc", "cajou", Map.of("scope", "NETWORK"), 100)
			.path("listings.edges[*].node.id").entityList(String.class).get();
		assertThat(network).contains(offer);
		search("maroc", "cajou", Map.of("scope", "NETWORK"), 100)
			.path("listings.edges[?(@.node.id == '" + offer + "')].node.member.tenant.slug").entityList(String.class)
			.containsExactly("senegal");
		List<String> chamber = search("maroc", "cajou", Map.of("scope", "CHAMBER"), 100)
			.path("listings.edges[*].node.id").entityList(String.class).get();
		assertThat(chamber).doesNotContain(offer);
		anonymous("maroc").documentName("NodeLookup").variable("id", offer).execute()
			.path("node.__typename").entity(String.class).isEqualTo("Listing")
			.path("node.member.name").entity(String.class).satisfies(name -> assertThat(name).isNotBlank());
	}

	@Test
	void chamberListingOfSenegalIsNeverFoundNorFetchedFromMaroc() {
		String hidden = senegalListing("CHAMBER", null);
		List<String> everything = new ArrayList<>();
		String after = null;
		do {
			GraphQlTester.Response page = anonymous("maroc").documentName("MarketplaceSearch").variable("first", 100)
				.variable("after", after).variable("filter", Map.of("scope", "NETWORK")).execute();
			everything.addAll(page.path("listings.edges[*].node.id").entityList(String.class).get());
			after = page.path("listings.pageInfo.hasNextPage").entity(Boolean.class).get()
					? page.path("listings.pageInfo.endCursor").entity(String.class).get() : null;
		}
		while (after != null);
		assertThat(everything).isNotEmpty().doesNotContain(hidden);
		as("admin", "maroc").document("query($id: ID!) { listing(id: $id) { id } }").variable("id", hidden).execute()
			.path("listing").valueIsNull();
		as("admin", "maroc").documentName("NodeLookup").variable("id", hidden).execute().path("node").valueIsNull();
		// through the company: its network profile shows only its network listings
		String ownerCompany = senegalCompanyOf(hidden);
		List<String> viaMember = as("owner", "maroc").document("""
				query($id: ID!) { listing(id: $id) { member { listings(first: 100) { edges { node { id visibility } } } } } }""")
			.variable("id", senegalListing("NETWORK", "0801")).execute()
			.path("listing.member.listings.edges[*].node.visibility").entityList(String.class).get();
		assertThat(viaMember).isNotEmpty().containsOnly("NETWORK");
		// its company is visible from maroc only through network listings; either way not with this one
		Map<?, ?> profile = anonymous("maroc").documentName("MemberProfile").variable("id", ownerCompany).execute()
			.path("$").entity(Map.class).get();
		assertThat(String.valueOf(profile)).doesNotContain(hidden);
		// and it is there for senegal
		anonymous("senegal").document("query($id: ID!) { listing(id: $id) { id visibility } }").variable("id", hidden).execute()
			.path("listing.visibility").entity(String.class).isEqualTo("CHAMBER");
	}

	private String senegalCompanyOf(String listingId) {
		return anonymous("senegal").document("query($id: ID!) { listing(id: $id) { member { id } } }").variable("id", listingId)
			.execute().path("listing.member.id").entity(String.class).get();
	}

	@Test
	void searchForgivesAccentsAndStemsFrenchAndEnglish() {
		search("maroc", "cafe torrefie", Map.of("scope", "CHAMBER"), 20)
			.path("listings.edges[*].node.title").entityList(String.class)
			.satisfies(titles -> assertThat(titles).anyMatch(t -> t.contains("Café torréfié")));
		search("rwanda", "green coffees", Map.of("scope", "CHAMBER"), 20)
			.path("listings.totalCount").entity(Integer.class).satisfies(n -> assertThat(n).isGreaterThan(0));
		search("france", "cashews", Map.of("scope", "CHAMBER"), 20)
			.path("listings.edges[*].node.title").entityList(String.class)
			.satisfies(titles -> assertThat(titles).anyMatch(t -> t.toLowerCase().contains("cajou") || t.toLowerCase().contains("cashew")));
		// a typo: no word matches, the trigram fallback does
		search("france", "chocolta", Map.of("scope", "NETWORK"), 20)
			.path("listings.totalCount").entity(Integer.class).satisfies(n -> assertThat(n).isGreaterThan(0));
	}

	@Test
	void facetsAddUpToTotalCountAndPaginationReturnsEveryRowOnce() {
		GraphQlTester.Response first = search("france", null, Map.of("scope", "NETWORK"), 7);
		int total = first.path("listings.totalCount").entity(Integer.class).get();
		assertThat(total).isGreaterThan(50);
		List<Map> facets = first.path("listings.facets").entityList(Map.class).get();
		assertThat(facets).extracting(f -> f.get("field")).containsExactly("kind", "hsChapter", "originCountry", "tenant");
		for (Map facet : facets) {
			int sum = ((List<Map<String, Object>>) facet.get("values")).stream().mapToInt(v -> (Integer) v.get("count")).sum();
			assertThat(sum).as("facet " + facet.get("field")).isEqualTo(total);
		}
		List<String> seen = new ArrayList<>();
		String after = null;
		do {
			GraphQlTester.Response page = anonymous("france").documentName("MarketplaceSearch").variable("first", 7)
				.variable("after", after).variable("filter", Map.of("scope", "NETWORK")).execute();
			seen.addAll(page.path("listings.edges[*].node.id").entityList(String.class).get());
			after = page.path("listings.pageInfo.hasNextPage").entity(Boolean.class).get()
					? page.path("listings.pageInfo.endCursor").entity(String.class).get() : null;
		}
		while (after != null);
		assertThat(seen).hasSize(total).doesNotHaveDuplicates();
		// relevance order pages the same way
		List<String> ranked = new ArrayList<>();
		after = null;
		int rankedTotal = search("maroc", "huile", Map.of("scope", "NETWORK"), 3).path("listings.totalCount").entity(Integer.class).get();
		do {
			GraphQlTester.Response page = anonymous("maroc").documentName("MarketplaceSearch").variable("query", "huile").variable("first", 3)
				.variable("after", after).variable("filter", Map.of("scope", "NETWORK")).execute();
			ranked.addAll(page.path("listings.edges[*].node.id").entityList(String.class).get());
			after = page.path("listings.pageInfo.hasNextPage").entity(Boolean.class).get()
					? page.path("listings.pageInfo.endCursor").entity(String.class).get() : null;
		}
		while (after != null);
		assertThat(ranked).hasSize(rankedTotal).doesNotHaveDuplicates();
		assertThat(rankedTotal).isGreaterThan(3);
	}

	@Test
	void aPageCostsTheSameNumberOfStatementsWhateverItsSize() {
		long five = statementsFor(5);
		long fifty = statementsFor(50);
		assertThat(fifty).isEqualTo(five);
		assertThat(five).isLessThanOrEqualTo(12);
	}

	private long statementsFor(int size) {
		search("france", null, Map.of("scope", "NETWORK"), size); // warm (registry, caches)
		long before = statements.total();
		search("france", null, Map.of("scope", "NETWORK"), size)
			.path("listings.edges").entityList(Object.class).hasSize(size);
		return statements.total() - before;
	}

	@Test
	void membersCreateCloseAndHitTheFreeQuota() {
		String created = as("owner", "france").documentName("CreateListing").variable("input", Map.of("kind", "OFFER",
				"title", "Fèves de cacao fermentées – lot test", "description", "Lot d'essai pour le test.", "hsCode", "180100",
				"quantity", Map.of("value", "12.5", "unit", "TNE"), "price", Map.of("amount", "2450.50", "currency", "EUR"),
				"incoterm", "CIF", "originCountry", "CI", "visibility", "NETWORK"))
			.execute()
			.path("createListing.userErrors").entityList(Object.class).hasSize(0)
			.path("createListing.listing.status").entity(String.class).isEqualTo("PUBLISHED")
			.path("createListing.listing.price.amount").entity(String.class).isEqualTo("2450.5000")
			.path("createListing.listing.hsCode.code").entity(String.class).isEqualTo("180100")
			.path("createListing.listing.id").entity(String.class).get();
		search("senegal", "feves cacao fermentees", Map.of("scope", "NETWORK"), 20)
			.path("listings.edges[*].node.id").entityList(String.class).contains(created);

		as("owner", "france").documentName("CloseListing").variable("input", Map.of("listingId", created)).execute()
			.path("closeListing.listing.status").entity(String.class).isEqualTo("CLOSED");
		search("senegal", "feves cacao fermentees", Map.of("scope", "NETWORK"), 20)
			.path("listings.edges[*].node.id").entityList(String.class).doesNotContain(created);
		// someone else's listing: FORBIDDEN
		as("newcomer", "france").documentName("CloseListing").variable("input", Map.of("listingId", created)).execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));

		// invalid input: user errors with codes
		as("owner", "france").documentName("CreateListing").variable("input", Map.of("kind", "REQUEST", "title", "Café",
				"hsCode", "7701", "quantity", Map.of("value", "-1", "unit", "BARREL")))
			.execute()
			.path("createListing.listing").valueIsNull()
			.path("createListing.userErrors[*].code").entityList(String.class)
			.satisfies(codes -> assertThat(codes).contains("INVALID_HS_CODE", "INVALID_QUANTITY", "INVALID_UNIT"));
	}

	@Test
	void freeCompaniesPublishUpToTheirQuota() {
		// a FREE company of rwanda, through its chamber's admin: approve a newcomer's company and publish until refused
		String company = as("newcomer", "rwanda").documentName("RegisterMember").variable("input", Map.of("name", "Quota Test Ltd",
				"country", "RW")).execute().path("registerMember.member.id").entity(String.class).get();
		as("admin", "rwanda").documentName("ReviewMember").variable("input", Map.of("memberId", company, "decision", "APPROVE"))
			.execute().path("reviewMember.member.status").entity(String.class).isEqualTo("ACTIVE");
		List<String> codes = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			codes.add(as("newcomer", "rwanda").documentName("CreateListing").variable("input", Map.of("kind", "OFFER",
					"title", "Green tea lot " + i, "hsCode", "0902")).execute()
				.path("createListing.userErrors[*].code").entityList(String.class).get().stream().findFirst().orElse("OK"));
		}
		assertThat(codes).containsExactly("OK", "OK", "OK", "OK", "OK", "QUOTA_EXCEEDED");
		// a draft does not count
		as("newcomer", "rwanda").documentName("CreateListing").variable("input", Map.of("kind", "OFFER",
				"title", "Green tea draft", "hsCode", "0902", "publish", false)).execute()
			.path("createListing.listing.status").entity(String.class).isEqualTo("DRAFT");
	}

	@Test
	void memberProfileShowsTheCompanysListings() {
		String company = as("owner", "maroc").document("{ viewer { member { id } } }").execute()
			.path("viewer.member.id").entity(String.class).get();
		anonymous("maroc").documentName("MemberProfile").variable("id", company).variable("locale", "ar").execute()
			.path("member.listings.totalCount").entity(Integer.class).satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(6))
			.path("member.listings.edges[*].node.status").entityList(String.class).satisfies(s -> assertThat(s).containsOnly("PUBLISHED"))
			.path("member.listings.edges[*].node.title").entityList(String.class).satisfies(t -> assertThat(t).allMatch(x -> !x.isBlank()));
	}


	@Autowired
	ListingCatalog catalog;

	private static final String UPDATE = """
			mutation($input: UpdateListingInput!) {
			  updateListing(input: $input) { listing { id status version title price { amount currency } } userErrors { code field } }
			}""";

	@Test
	void draftsAreEditedThenPublishedAndStaleVersionsConflict() {
		var created = as("owner", "senegal").documentName("CreateListing").variable("input", Map.of("kind", "REQUEST",
				"title", "Recherche sacs de jute neufs", "hsCode", "6305", "publish", false)).execute();
		String id = created.path("createListing.listing.id").entity(String.class).get();
		created.path("createListing.listing.status").entity(String.class).isEqualTo("DRAFT");
		// drafts are not in search, but their company sees them
		search("senegal", "sacs de jute", Map.of("scope", "CHAMBER"), 20).path("listings.edges[*].node.id").entityList(String.class)
			.doesNotContain(id);
		anonymous("senegal").document("query($id: ID!) { listing(id: $id) { id } }").variable("id", id).execute().path("listing").valueIsNull();
		as("owner", "senegal").document("query($id: ID!) { listing(id: $id) { status } }").variable("id", id).execute()
			.path("listing.status").entity(String.class).isEqualTo("DRAFT");

		as("owner", "senegal").document(UPDATE).variable("input", Map.of("listingId", id, "version", 0,
				"title", "Recherche sacs de jute neufs 60 x 100 cm", "price", Map.of("amount", "450", "currency", "XOF"), "publish", true))
			.execute()
			.path("updateListing.userErrors").entityList(Object.class).hasSize(0)
			.path("updateListing.listing.status").entity(String.class).isEqualTo("PUBLISHED")
			.path("updateListing.listing.version").entity(Integer.class).isEqualTo(1)
			.path("updateListing.listing.title").entity(String.class).isEqualTo("Recherche sacs de jute neufs 60 x 100 cm");
		search("senegal", "sacs jute", Map.of("scope", "CHAMBER"), 20).path("listings.edges[*].node.id").entityList(String.class)
			.contains(id);
		as("owner", "senegal").document(UPDATE).variable("input", Map.of("listingId", id, "version", 0, "title", "Écrasé ?"))
			.execute()
			.path("updateListing.userErrors[0].code").entity(String.class).isEqualTo("CONFLICT");
		as("owner", "senegal").document(UPDATE).variable("input", Map.of("listingId", id, "version", 1, "clearPrice", true))
			.execute()
			.path("updateListing.listing.price").valueIsNull();
	}

	@Test
	void expiredListingsLeaveSearchAndBecomeExpired() {
		String soon = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(2).toString();
		String id = as("owner", "maroc").documentName("CreateListing").variable("input", Map.of("kind", "OFFER",
				"title", "Dattes Medjool primeur", "hsCode", "0804", "expiresAt", soon)).execute()
			.path("createListing.listing.id").entity(String.class).get();
		search("maroc", "dattes medjool", Map.of("scope", "CHAMBER"), 20).path("listings.edges[*].node.id").entityList(String.class)
			.contains(id);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
			assertThat(search("maroc", "dattes medjool", Map.of("scope", "CHAMBER"), 20)
				.path("listings.edges[*].node.id").entityList(String.class).get()).doesNotContain(id));
		catalog.expire();
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
			as("owner", "maroc").document("query($id: ID!) { listing(id: $id) { status } }").variable("id", id).execute()
				.path("listing.status").entity(String.class).isEqualTo("EXPIRED"));
	}


	@Test
	void aSuspendedCompanysListingsLeaveSearchAndComeBackWhenReinstated() {
		String offer = senegalListing("NETWORK", "0801");
		String company = senegalCompanyOf(offer);
		as("admin", "senegal").documentName("ReviewMember").variable("input", Map.of("memberId", company, "decision", "SUSPEND"))
			.execute().path("reviewMember.member.status").entity(String.class).isEqualTo("SUSPENDED");
		try {
			search("maroc", "cajou", Map.of("scope", "NETWORK"), 100).path("listings.edges[*].node.id").entityList(String.class)
				.doesNotContain(offer);
		}
		finally {
			as("admin", "senegal").documentName("ReviewMember").variable("input", Map.of("memberId", company, "decision", "REINSTATE"))
				.execute().path("reviewMember.member.status").entity(String.class).isEqualTo("ACTIVE");
		}
		search("maroc", "cajou", Map.of("scope", "NETWORK"), 100).path("listings.edges[*].node.id").entityList(String.class)
			.contains(offer);
	}

}
