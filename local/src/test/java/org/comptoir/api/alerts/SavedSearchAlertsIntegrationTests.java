package org.comptoir.api.alerts;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.internet.MimeMessage;
import org.comptoir.api.support.FreshCompanies;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.MailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A company's saved search tells it of new listings it would find, once: in the bell and by e-mail, with
 * exactly search's visibility (the network's NETWORK listings and its own chamber's, never another chamber's
 * CHAMBER ones nor its own), whatever the runs of the job and however many run at once.
 */
@IntegrationTest
class SavedSearchAlertsIntegrationTests extends FreshCompanies {

	@Autowired
	SearchAlerts alerts;

	@Test
	void aSavedSearchTellsItsCompanyOnceOfNewListingsItWouldFind() throws Exception {
		String word = word();
		Company buyer = company("senegal", "APPROVE");
		String network = save(buyer, "Karité " + word, word, Map.of("kinds", List.of("OFFER"), "scope", "NETWORK"));
		save(buyer, "Karité ici " + word, word, Map.of("scope", "CHAMBER"));

		Company maroc = company("maroc", "APPROVE");
		Company rwanda = company("rwanda", "APPROVE");
		Company neighbour = company("senegal", "APPROVE");
		publish(maroc, "OFFER", "Beurre de karité " + word, "NETWORK");
		publish(neighbour, "OFFER", "Karité brut " + word, "CHAMBER");
		publish(rwanda, "OFFER", "Karité du Rwanda " + word, "CHAMBER");
		publish(buyer, "OFFER", "Notre karité " + word, "NETWORK");
		publish(maroc, "REQUEST", "Achat de karité " + word, "NETWORK");

		alerts.run().block();
		MimeMessage told = awaitMail(buyer.email(), "Karité " + word + " » : 2");
		assertThat(MailServer.text(told)).contains("Karité brut " + word).doesNotContain("Rwanda");
		awaitMail(buyer.email(), "Karité ici " + word + " » : 1");

		GraphQlTester.Response bell = as(buyer).documentName("Notifications").execute();
		assertThat(bell.path("viewer.notifications.edges[*].node.kind").entityList(String.class).get())
			.filteredOn("SAVED_SEARCH_MATCHES"::equals).hasSize(2);
		as(buyer).documentName("SavedSearches").execute()
			.path("viewer.savedSearches[?(@.id == '" + network + "')].lastAlertedAt").entityList(String.class).hasSize(1);

		alerts.run().block();
		assertThat(mails(buyer, word)).as("nothing new: nothing told").hasSize(2);

		publish(maroc, "OFFER", "Karité bio " + word, "NETWORK");
		CompletableFuture.allOf(CompletableFuture.runAsync(() -> alerts.run().block()),
				CompletableFuture.runAsync(() -> alerts.run().block())).join();
		awaitMail(buyer.email(), "Karité " + word + " » : 1");
		alerts.run().block();
		Thread.sleep(1000);
		assertThat(mails(buyer, word)).as("two runs at once tell once").hasSize(3);
		assertThat(mails(rwanda, word)).isEmpty();
	}

	@Test
	void anotherChambersChamberListingIsNeverTold() throws Exception {
		String word = word();
		Company rwandan = company("rwanda", "APPROVE");
		save(rwandan, "Café " + word, word, Map.of());
		Company senegalese = company("senegal", "APPROVE");
		publish(senegalese, "OFFER", "Café robusta " + word, "CHAMBER");
		publish(senegalese, "OFFER", "Café arabica " + word, "MEMBERS");
		alerts.run().block();
		Thread.sleep(1500);
		assertThat(mails(rwandan, word)).isEmpty();
		publish(senegalese, "OFFER", "Café vert " + word, "NETWORK");
		alerts.run().block();
		MimeMessage told = awaitMail(rwandan.email(), word);
		assertThat(MailServer.text(told)).contains("Café vert " + word);
		assertThat(mails(rwandan, word)).hasSize(1);
	}

	@Test
	void aFreeCompanyKeepsThreeSavedSearches() {
		Company company = company("maroc", "APPROVE");
		String first = save(company, "Dattes 1", "dattes", Map.of());
		save(company, "Dattes 2", "dattes", Map.of("hsCodePrefixes", List.of("0804")));
		save(company, "Dattes 3", "dattes", Map.of("kinds", List.of("REQUEST")));
		as(company).documentName("SaveSearch").variable("input", Map.of("name", "Dattes 4", "query", "dattes")).execute()
			.path("saveSearch.savedSearch").valueIsNull()
			.path("saveSearch.userErrors[0].code").entity(String.class).isEqualTo("SAVED_SEARCH_LIMIT")
			.path("saveSearch.userErrors[0].message").entity(String.class).satisfies(m -> assertThat(m).contains("at most 3"));
		as(company).documentName("UpdateSavedSearch").variable("input", Map.of("savedSearchId", first, "name", "Dattes Medjool",
				"alert", "DIGEST")).execute()
			.path("updateSavedSearch.savedSearch.name").entity(String.class).isEqualTo("Dattes Medjool")
			.path("updateSavedSearch.savedSearch.alert").entity(String.class).isEqualTo("DIGEST");
		as(company).documentName("DeleteSavedSearch").variable("input", Map.of("savedSearchId", first)).execute()
			.path("deleteSavedSearch.deletedSavedSearchId").entity(String.class).isEqualTo(first);
		save(company, "Dattes 4", "dattes", Map.of());
		as(company).documentName("SavedSearches").execute().path("viewer.savedSearches[*].name").entityList(String.class)
			.containsExactly("Dattes 2", "Dattes 3", "Dattes 4");
		Company colleagueOfNone = company("senegal", "APPROVE");
		as(colleagueOfNone).documentName("DeleteSavedSearch").variable("input", Map.of("savedSearchId", first)).execute()
			.path("deleteSavedSearch.userErrors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
	}

	private String save(Company company, String name, String query, Map<String, Object> filter) {
		return as(company).documentName("SaveSearch").variable("input", Map.of("name", name, "query", query, "filter", filter)).execute()
			.path("saveSearch.userErrors").entityList(Object.class).hasSize(0)
			.path("saveSearch.savedSearch.id").entity(String.class).get();
	}

	private void publish(Company company, String kind, String title, String visibility) {
		as(company).documentName("CreateListing")
			.variable("input", Map.of("kind", kind, "title", title, "hsCode", "080450", "visibility", visibility)).execute()
			.path("createListing.userErrors").entityList(Object.class).hasSize(0);
	}

	/** A word no other listing has: the test's listings alone match it. */
	private static String word() {
		Random random = new Random();
		StringBuilder word = new StringBuilder("zq");
		for (int i = 0; i < 8; i++) {
			word.append((char) ('a' + random.nextInt(26)));
		}
		return word.toString();
	}

	private static List<MimeMessage> mails(Company company, String words) {
		return MailServer.to(company.email()).stream().filter(m -> subject(m).contains(words)).toList();
	}

	private static MimeMessage awaitMail(String address, String words) throws Exception {
		for (int i = 0; i < 100; i++) {
			List<MimeMessage> found = MailServer.to(address).stream().filter(m -> subject(m).contains(words)).toList();
			if (!found.isEmpty()) {
				return found.get(0);
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No e-mail to " + address + " about '" + words + "' within 10 s; received: "
				+ MailServer.to(address).stream().map(SavedSearchAlertsIntegrationTests::subject).toList());
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
