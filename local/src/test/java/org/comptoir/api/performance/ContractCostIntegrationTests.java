package org.comptoir.api.performance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.comptoir.api.database.SqlStatements;
import org.comptoir.api.support.Api;
import org.comptoir.api.support.DataLoaderLoads;
import org.comptoir.api.support.FreshCompanies;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.QuietDatabase;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each operation of the contract costs PostgreSQL: SQL statements and round trips of one request,
 * run as a portal runs it (its role, realistic variables), after a first request that warms the caches.
 * Exact values, held in {@link #EXPECTED}: any change of the read path shows here, in review.
 */
@IntegrationTest
@Order(2) // the cost tests run first, on the demo data alone: other classes' companies and listings change what a page holds
class ContractCostIntegrationTests extends FreshCompanies {

	private static final Logger log = LoggerFactory.getLogger(ContractCostIntegrationTests.class);

	/** Statements and round trips of one request. */
	record Cost(long statements, long roundTrips) {

		@Override
		public String toString() {
			return statements + " statements, " + roundTrips + " round trips";
		}

	}

	private static Cost cost(long statements, long roundTrips) {
		return new Cost(statements, roundTrips);
	}

	/**
	 * Without the statements that set who a read is for (SqlStatements.readerSettings): a read sends one
	 * only when its pooled connection last read for someone else, so how many depends on the pool, not
	 * on the operation; each transaction sends one too. Round trips are the statements, plus BEGIN and
	 * COMMIT of each transaction (reads have none).
	 *
	 * The one table to edit when a change makes an operation cheaper (or dearer): case, then
	 * {@code cost(statements, roundTrips)} per request. The case names the contract's operation first.
	 */
	private static final Map<String, Cost> EXPECTED = Map.ofEntries(
			entry("MarketplaceSearch chamber newest 20", cost(1, 1)),
			entry("MarketplaceSearch network search 'cafe' 20", cost(1, 1)),
			entry("MarketplaceSearch network filtered 20", cost(1, 1)),
			entry("MemberDirectory 20", cost(3, 3)),
			entry("MemberProfile", cost(2, 2)),
			entry("ListingMatches", cost(4, 4)),
			entry("PortalShell anonymous", cost(0, 0)),
			entry("PortalShell signed in", cost(1, 1)),
			entry("NodeLookup listing", cost(1, 1)),
			entry("HsCodeLookup 'cafe'", cost(1, 1)),
			entry("NetworkDirectory", cost(0, 0)),
			entry("ContactInbox", cost(6, 6)),
			entry("ConversationMessages", cost(5, 5)),
			entry("ChamberDashboard", cost(6, 8)),
			entry("CreateListing", cost(11, 13)),
			// 7 of its own (the message and the other company's notice), the rest the notice's delivery: routed
			// into the recipient's chamber, its e-mail claimed and marked sent (notices.NoticeWorker)
			entry("SendMessage", cost(12, 22)));

	@Autowired
	SqlStatements statements;

	@Autowired
	DataLoaderLoads loads;

	/**
	 * One request of a case: a first one warms the caches, then three are counted, each with what it sets
	 * off after its answer (a publication's match notifications), once the database has been quiet for a
	 * moment. The cheapest of the three is the request's: the API's own timers (the chamber registry's
	 * refresh every 30 s, the listings' expiry every minute) may send a statement during any one of them.
	 */
	private Cost measure(Supplier<GraphQlTester.Response> request) {
		request.get().errors().verify();
		Cost cheapest = null;
		for (int i = 0; i < 3; i++) {
			QuietDatabase.await(statements);
			long before = statements.total();
			long trips = statements.roundTrips();
			long settings = statements.readerSettings();
			request.get().errors().verify();
			QuietDatabase.await(statements);
			long set = statements.readerSettings() - settings;
			Cost measured = cost(statements.total() - before - set, statements.roundTrips() - trips - set);
			if (cheapest == null || measured.roundTrips() < cheapest.roundTrips()) {
				cheapest = measured;
			}
		}
		return cheapest;
	}

	@Test
	void everyOperationOfTheContractCostsWhatTheTableSays() {
		// companies of the test's own: an inbox with one request, a conversation, a pending company
		Company seller = company("senegal", "APPROVE");
		Company asker = company("senegal", "APPROVE");
		company("senegal");
		String request = as(asker).documentName("RequestContact")
			.variable("input", Map.of("memberId", seller.id(), "message", "Bonjour, vos conditions ?")).execute()
			.path("requestContact.contactRequest.id").entity(String.class).get();
		String conversation = as(seller).documentName("RespondToContactRequest")
			.variable("input", Map.of("contactRequestId", request, "accept", true)).execute()
			.path("respondToContactRequest.contactRequest.conversation.id").entity(String.class).get();
		as(seller).documentName("SendMessage").variable("input", Map.of("conversationId", conversation, "body", "Prix FOB Dakar.")).execute()
			.path("sendMessage.userErrors").entityList(Object.class).hasSize(0);

		Map<String, Object> firstListing = anonymous("senegal").documentName("MarketplaceSearch")
			.variable("filter", Map.of("scope", "CHAMBER")).variable("first", 1).execute()
			.path("listings.edges[0].node").entity(Map.class).get();
		String listing = (String) firstListing.get("id");
		String company = (String) ((Map<?, ?>) firstListing.get("member")).get("id");
		String cashewRequest = anonymous("maroc").documentName("MarketplaceSearch")
			.variable("filter", Map.of("scope", "CHAMBER", "kinds", List.of("REQUEST"), "hsCodePrefixes", List.of("0801")))
			.variable("first", 1).execute()
			.path("listings.edges[0].node.id").entity(String.class).get();

		Map<String, Supplier<GraphQlTester.Response>> cases = new LinkedHashMap<>();
		cases.put("MarketplaceSearch chamber newest 20", () -> anonymous("senegal").documentName("MarketplaceSearch")
			.variable("filter", Map.of("scope", "CHAMBER")).variable("sort", "NEWEST").variable("first", 20).execute());
		cases.put("MarketplaceSearch network search 'cafe' 20", () -> anonymous("senegal").documentName("MarketplaceSearch")
			.variable("query", "cafe").variable("filter", Map.of("scope", "NETWORK")).variable("first", 20).execute());
		cases.put("MarketplaceSearch network filtered 20", () -> anonymous("senegal").documentName("MarketplaceSearch")
			.variable("filter", Map.of("scope", "NETWORK", "kinds", List.of("OFFER"), "hsCodePrefixes", List.of("09", "0801")))
			.variable("first", 20).execute());
		cases.put("MemberDirectory 20", () -> anonymous("senegal").documentName("MemberDirectory").variable("first", 20).execute());
		cases.put("MemberProfile", () -> anonymous("senegal").documentName("MemberProfile").variable("id", company)
			.variable("locale", "fr").execute());
		cases.put("ListingMatches", () -> anonymous("maroc").documentName("ListingMatches").variable("id", cashewRequest)
			.variable("locale", "fr").execute());
		cases.put("PortalShell anonymous", () -> anonymous("senegal").documentName("PortalShell").execute());
		cases.put("PortalShell signed in", () -> as("owner", "senegal").documentName("PortalShell").execute());
		cases.put("NodeLookup listing", () -> anonymous("senegal").documentName("NodeLookup").variable("id", listing).execute());
		cases.put("HsCodeLookup 'cafe'", () -> anonymous("senegal").documentName("HsCodeLookup").variable("query", "cafe").execute());
		cases.put("NetworkDirectory", () -> api().anonymous().documentName("NetworkDirectory").execute());
		cases.put("ContactInbox", () -> as(seller).documentName("ContactInbox").variable("box", "INBOX").execute());
		cases.put("ConversationMessages", () -> as(asker).documentName("ConversationMessages").variable("id", conversation).execute());
		cases.put("ChamberDashboard", () -> as("admin", "senegal").documentName("ChamberDashboard").execute());
		cases.put("CreateListing", () -> withoutUserErrors("createListing", as(seller).documentName("CreateListing")
			// cotton, seen in its chamber only: no other class's search or matches meets these listings
			.variable("input", Map.of("kind", "OFFER", "title", "Coton fibre de Tambacounda", "hsCode", "5201", "visibility", "CHAMBER"))
			.execute()));
		cases.put("SendMessage", () -> withoutUserErrors("sendMessage", as(asker).documentName("SendMessage")
			.variable("input", Map.of("conversationId", conversation, "body", "Merci, nous prenons le lot.")).execute()));

		Map<String, Cost> measured = new LinkedHashMap<>();
		cases.forEach((name, run) -> measured.put(name, measure(run)));
		log.info("Statements and round trips per request:\n{}", measured.entrySet().stream()
			.map(e -> String.format("  %-45s %3d statements %3d round trips", e.getKey(), e.getValue().statements(), e.getValue().roundTrips()))
			.collect(Collectors.joining("\n")));

		assertThat(queriesOfTheContract()).as("every query of the contract is measured")
			.allSatisfy(operation -> assertThat(cases.keySet()).anyMatch(name -> name.split(" ")[0].equals(operation)));
		assertThat(new TreeMap<>(measured)).isEqualTo(new TreeMap<>(EXPECTED));
	}

	/**
	 * A chamber's page of 20 listings, answered field by field (its root field under
	 * {@code @include(if: true)}, which the compiled path leaves to graphql-java), loads its 20 companies
	 * through a DataLoader (one batch), and nothing else: HS titles and chambers come from memory, without
	 * a load per field. Written in one pass (the contract's document as it is), it loads none: the
	 * companies came with the rows.
	 */
	@Test
	void aMarketplacePageOfTwentyLoadsOnlyItsCompanies() throws IOException {
		String document = Files.readString(Api.CONTRACT.resolve("operations/MarketplaceSearch.graphql"));
		String fieldByField = Api.fieldByField(document);
		for (Map.Entry<String, Long> page : Map.of(fieldByField, 20L, document, 0L).entrySet()) {
			Supplier<GraphQlTester.Response> request = () -> api().chamber("senegal").document(page.getKey())
				.variable("filter", Map.of("scope", "CHAMBER")).variable("sort", "NEWEST").variable("first", 20).execute();
			request.get().errors().verify();
			long before = loads.total();
			request.get().path("listings.edges").entityList(Object.class).hasSize(20);
			long count = loads.total() - before;
			log.info("MarketplaceSearch, a chamber's page of 20, {}: {} DataLoader loads",
					page.getValue() == 0 ? "written in one pass" : "field by field", count);
			assertThat(count).isEqualTo(page.getValue());
		}
	}

	private static GraphQlTester.Response withoutUserErrors(String mutation, GraphQlTester.Response response) {
		response.path(mutation + ".userErrors").entityList(Object.class).hasSize(0);
		return response;
	}

	private static List<String> queriesOfTheContract() {
		Pattern query = Pattern.compile("^query\\s+(\\w+)", Pattern.MULTILINE);
		try (Stream<Path> files = Files.list(Api.CONTRACT.resolve("operations"))) {
			return files.filter(f -> f.toString().endsWith(".graphql")).map(f -> {
				try {
					Matcher matcher = query.matcher(Files.readString(f));
					return matcher.find() ? matcher.group(1) : null;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).filter(name -> name != null).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
