package org.comptoir.api.matchmaking;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.comptoir.api.support.FreshCompanies;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.MailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A match found is a durable notice too: the owner of a listing that a new one fits well hears of it in the
 * bell (MATCH_FOUND, linking to the new listing) from the job that follows the publications, once, and at
 * most once a day for that listing whatever else the chamber publishes.
 */
@IntegrationTest
class MatchNoticesIntegrationTests extends FreshCompanies {

	@Autowired
	MatchNotices matches;

	@Test
	void theOwnerOfAFittingListingIsToldDurablyOnceADay() throws Exception {
		matches.run().block(); // every chamber's cursor exists before the publications
		String word = "cajou" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 4);
		Company owner = company("france", "APPROVE");
		Company seller = company("senegal", "APPROVE");
		Company other = company("senegal", "APPROVE");
		publish(owner, "REQUEST", "Achat noix de " + word);
		String offer = publish(seller, "OFFER", "Noix de " + word);

		matches.run().block();
		List<Map<String, Object>> told = awaitMatchFound(owner, 1);
		assertThat((String) told.get(0).get("link")).endsWith("/listings/" + offer);
		MimeMessage mail = awaitMail(owner.email(), "Achat noix de " + word);
		assertThat(MailServer.text(mail)).contains("Noix de " + word, "/listings/" + offer);

		matches.run().block();
		publish(other, "OFFER", "Noix de " + word + " bio");
		matches.run().block();
		Thread.sleep(1500);
		assertThat(matchFound(owner)).as("once, and not again the same day").hasSize(1);
		assertThat(MailServer.to(owner.email()).stream().filter(m -> subject(m).contains(word)).toList()).hasSize(1);
	}

	private String publish(Company company, String kind, String title) {
		return as(company).documentName("CreateListing")
			.variable("input", Map.of("kind", kind, "title", title, "hsCode", "080132", "visibility", "NETWORK")).execute()
			.path("createListing.userErrors").entityList(Object.class).hasSize(0)
			.path("createListing.listing.id").entity(String.class).get();
	}

	private List<Map<String, Object>> matchFound(Company company) {
		List<Map<String, Object>> nodes = as(company).documentName("Notifications").execute()
			.path("viewer.notifications.edges[*].node").entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			}).get();
		return nodes.stream().filter(n -> "MATCH_FOUND".equals(n.get("kind"))).toList();
	}

	private List<Map<String, Object>> awaitMatchFound(Company company, int count) throws Exception {
		for (int i = 0; i < 100; i++) {
			List<Map<String, Object>> found = matchFound(company);
			if (found.size() >= count) {
				return found;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No MATCH_FOUND for " + company.email() + " within 10 s");
	}

	private static MimeMessage awaitMail(String address, String words) throws Exception {
		for (int i = 0; i < 100; i++) {
			List<MimeMessage> found = MailServer.to(address).stream().filter(m -> subject(m).contains(words)).toList();
			if (!found.isEmpty()) {
				return found.get(0);
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No e-mail to " + address + " about '" + words + "' within 10 s");
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
