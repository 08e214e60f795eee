package org.comptoir.api.graphql.compiled;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.comptoir.api.support.Api;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.RawGraphQl;
import org.comptoir.api.support.RawGraphQl.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page written in one pass answers byte for byte what graphql-java answers field by field: every
 * case below is asked twice, as the contract's document (compiled) and as the same document with
 * {@code @include(if: true)} on its root field (which the compiled path does not take: the general
 * way), by the same caller, and the two bodies compared as text: data, and errors with their codes,
 * paths and messages (a bad cursor, no chamber, an unknown company). A page with an HS code not read yet
 * goes the general way (each case is asked once before); so does a page too large (refused before any
 * execution) and PortalShell without a chamber.
 */
@IntegrationTest
class CompiledPagesIntegrationTests extends Chambers {

	@Autowired
	MeterRegistry meters;

	private record Case(String name, String document, Map<String, Object> variables, RawGraphQl caller, boolean compiles) {
	}

	@Test
	void aCompiledPageAnswersWhatTheGeneralWayAnswers() throws IOException {
		String search = document("MarketplaceSearch");
		String noCounts = search.replace("    totalCount\n", "").replace("    facets { field values { value label count } }\n", "");
		RawGraphQl senegal = new RawGraphQl(port).header("X-Tenant", "senegal");
		RawGraphQl maroc = new RawGraphQl(port).header("X-Tenant", "maroc");
		RawGraphQl owner = senegal.header("Authorization", "Bearer " + token("senegal", "owner@senegal.test"));
		RawGraphQl nobody = new RawGraphQl(port);

		List<Case> cases = new ArrayList<>();
		for (RawGraphQl caller : List.of(senegal, owner, maroc)) {
			cases.add(new Case("chamber newest", search, Map.of("filter", Map.of("scope", "CHAMBER")), caller, true));
			cases.add(new Case("network newest, English", search, Map.of("filter", Map.of("scope", "NETWORK"), "locale", "en"), caller, true));
			cases.add(new Case("words", search, Map.of("query", "cajou", "filter", Map.of("scope", "NETWORK")), caller, true));
			cases.add(new Case("words newest", search, Map.of("query", "cafe", "sort", "NEWEST"), caller, true));
			cases.add(new Case("a typo", search, Map.of("query", "cajuo", "filter", Map.of("scope", "NETWORK")), caller, true));
			cases.add(new Case("filters", search, Map.of("filter", Map.of("scope", "NETWORK", "kinds", List.of("OFFER"),
					"hsCodePrefixes", List.of("09", "0801"), "originCountries", List.of("SN", "MA"))), caller, true));
			cases.add(new Case("nothing found", search, Map.of("query", "zzzqqqxxx"), caller, true));
			cases.add(new Case("without counts", noCounts, Map.of("filter", Map.of("scope", "NETWORK"), "first", 5), caller, true));
		}
		Map<?, ?> firstPage = (Map<?, ?>) ((Map<?, ?>) senegal.query(search, Map.of("first", 3)).json().get("data")).get("listings");
		assertThat((List<?>) firstPage.get("edges")).as("the demo chamber has listings").hasSize(3);
		String after = (String) ((Map<?, ?>) firstPage.get("pageInfo")).get("endCursor");
		cases.add(new Case("second page", search, Map.of("first", 3, "after", after), senegal, true));
		Map<?, ?> firstListing = (Map<?, ?>) ((Map<?, ?>) ((List<?>) firstPage.get("edges")).get(0)).get("node");
		String company = (String) ((Map<?, ?>) firstListing.get("member")).get("id");
		Map<?, ?> requests = (Map<?, ?>) ((Map<?, ?>) maroc.query(search, Map.of("first", 1, "filter",
				Map.of("scope", "CHAMBER", "kinds", List.of("REQUEST"), "hsCodePrefixes", List.of("0801")))).json().get("data")).get("listings");
		String request = (String) ((Map<?, ?>) ((Map<?, ?>) ((List<?>) requests.get("edges")).get(0)).get("node")).get("id");
		String shell = document("PortalShell");
		String profile = document("MemberProfile");
		String matches = document("ListingMatches");
		RawGraphQl marocOwner = maroc.header("Authorization", "Bearer " + token("maroc", "owner@maroc.test"));
		for (RawGraphQl caller : List.of(senegal, owner, maroc, marocOwner)) {
			cases.add(new Case("PortalShell", shell, Map.of(), caller, true));
			cases.add(new Case("MemberProfile", profile, Map.of("id", company, "locale", "en"), caller, true));
			cases.add(new Case("ListingMatches", matches, Map.of("id", request, "locale", "fr"), caller, true));
		}
		cases.add(new Case("MemberProfile of nobody", profile, Map.of("id", "TWVtYmVyOng"), senegal, true));
		cases.add(new Case("a bad cursor", search, Map.of("after", "not-a-cursor"), senegal, true));
		cases.add(new Case("a page too large", search, Map.of("first", 500), senegal, false));
		cases.add(new Case("no chamber", search, Map.of(), nobody, true));
		cases.add(new Case("PortalShell, no chamber", document("PortalShell"), Map.of(), nobody, false));
		cases.add(new Case("a wrong variable", search, Map.of("first", "twenty"), senegal, false));

		for (Case c : cases) {
			// a first time: HS codes not read yet are the general way's to load (then kept in memory)
			c.caller().query(c.document(), c.variables());
			double written = written();
			Reply compiled = c.caller().query(c.document(), c.variables());
			assertThat(written() - written).as(c.name() + ": written in one pass").isEqualTo(c.compiles() ? 1.0 : 0.0);
			Reply general = c.caller().query(Api.fieldByField(c.document()), c.variables());
			assertThat(compiled.status()).as(c.name()).isEqualTo(general.status());
			assertThat(compiled.text()).as(c.name()).isEqualTo(general.text());
		}
	}

	private double written() {
		return meters.find("comptoir.graphql.compiled").tag("outcome", "written").counters().stream().mapToDouble(c -> c.count()).sum();
	}

	private static String document(String name) throws IOException {
		return Files.readString(Api.CONTRACT.resolve("operations").resolve(name + ".graphql"));
	}

}
