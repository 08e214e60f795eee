package org.comptoir.api.protection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.RawGraphQl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers racing on the same version: exactly one wins, every other gets a CONFLICT user error, and
 * what is stored is the winner's, never a silent overwrite (the sequential stale-version cases are in
 * the features' own tests).
 */
@IntegrationTest
class OptimisticConcurrencyIntegrationTests extends Chambers {

	private static final int WRITERS = 6;

	private RawGraphQl as(String who, String slug, boolean signedIn) {
		RawGraphQl client = new RawGraphQl(port).header("X-Tenant", slug);
		return signedIn ? client.header("Authorization", "Bearer " + token(slug, who + "@" + slug + ".test")) : client;
	}

	/** Runs the writers at once; returns each one's reply, in order. */
	private static List<RawGraphQl.Reply> race(List<Callable<RawGraphQl.Reply>> writers) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(writers.size());
		try {
			List<RawGraphQl.Reply> replies = new ArrayList<>();
			for (Future<RawGraphQl.Reply> future : pool.invokeAll(writers)) {
				replies.add(future.get());
			}
			return replies;
		}
		finally {
			pool.shutdown();
		}
	}

	/** The index of the only writer that won; the others lost with CONFLICT. */
	private static int onlyWinner(List<RawGraphQl.Reply> replies, String mutation) {
		int winner = -1;
		for (int i = 0; i < replies.size(); i++) {
			RawGraphQl.Reply reply = replies.get(i);
			assertThat(reply.errors()).as(reply.text()).isEmpty();
			List<?> userErrors = (List<?>) reply.data(mutation + ".userErrors");
			if (userErrors.isEmpty()) {
				assertThat(winner).as("a second writer won: a silent overwrite").isEqualTo(-1);
				winner = i;
			}
			else {
				assertThat(userErrors.get(0)).asString().contains("code=CONFLICT");
			}
		}
		assertThat(winner).as("nobody won").isNotEqualTo(-1);
		return winner;
	}

	@Test
	void racingProfileUpdatesHaveOneWinner() throws Exception {
		RawGraphQl owner = as("owner", "france", true);
		RawGraphQl.Reply read = owner.query("{ viewer { member { id version website } } }");
		String id = (String) read.data("viewer.member.id");
		int version = ((Number) read.data("viewer.member.version")).intValue();
		String mutation = """
				mutation($input: UpdateMemberProfileInput!) {
				  updateMemberProfile(input: $input) { member { version website } userErrors { code field } }
				}""";
		List<Callable<RawGraphQl.Reply>> writers = new ArrayList<>();
		for (int i = 0; i < WRITERS; i++) {
			String website = "https://writer" + i + ".example.fr";
			writers.add(() -> owner.query(mutation, Map.of("input", Map.of("memberId", id, "version", version, "website", website))));
		}
		int winner = onlyWinner(race(writers), "updateMemberProfile");
		RawGraphQl.Reply after = owner.query("{ viewer { member { version website } } }");
		assertThat(after.data("viewer.member.website")).isEqualTo("https://writer" + winner + ".example.fr");
		assertThat(after.data("viewer.member.version")).isEqualTo(version + 1);
		if (read.data("viewer.member.website") != null) {
			owner.query(mutation, Map.of("input", Map.of("memberId", id, "version", version + 1, "website",
					read.data("viewer.member.website"))));
		}
	}

	@Test
	void racingListingUpdatesHaveOneWinner() throws Exception {
		RawGraphQl owner = as("owner", "maroc", true);
		RawGraphQl.Reply created = owner.query("""
				mutation { createListing(input: {kind: OFFER, title: "Huile d'argan en course", hsCode: "1515"}) {
				  listing { id version } userErrors { code } } }""");
		String id = (String) created.data("createListing.listing.id");
		int version = ((Number) created.data("createListing.listing.version")).intValue();
		String mutation = """
				mutation($input: UpdateListingInput!) {
				  updateListing(input: $input) { listing { version title } userErrors { code field } }
				}""";
		List<Callable<RawGraphQl.Reply>> writers = new ArrayList<>();
		for (int i = 0; i < WRITERS; i++) {
			String title = "Huile d'argan, version " + i;
			writers.add(() -> owner.query(mutation, Map.of("input", Map.of("listingId", id, "version", version, "title", title))));
		}
		int winner = onlyWinner(race(writers), "updateListing");
		RawGraphQl.Reply after = owner.query("query($id: ID!) { listing(id: $id) { version title } }", Map.of("id", id));
		assertThat(after.data("listing.title")).isEqualTo("Huile d'argan, version " + winner);
		assertThat(after.data("listing.version")).isEqualTo(version + 1);
	}

	@Test
	void racingBrandingUpdatesHaveOneWinner() throws Exception {
		RawGraphQl admin = as("admin", "rwanda", true);
		RawGraphQl.Reply read = admin.query("{ tenant { version branding { accentColor } } }");
		int version = ((Number) read.data("tenant.version")).intValue();
		String original = (String) read.data("tenant.branding.accentColor");
		String mutation = """
				mutation($input: UpdateBrandingInput!) {
				  updateBranding(input: $input) { tenant { version branding { accentColor } } userErrors { code field } }
				}""";
		List<Callable<RawGraphQl.Reply>> writers = new ArrayList<>();
		for (int i = 0; i < WRITERS; i++) {
			String color = "#00000" + i;
			writers.add(() -> admin.query(mutation, Map.of("input", Map.of("accentColor", color, "version", version))));
		}
		int winner = onlyWinner(race(writers), "updateBranding");
		RawGraphQl.Reply after = as("admin", "rwanda", false).query("{ tenant { version branding { accentColor } } }");
		assertThat(after.data("tenant.branding.accentColor")).isEqualTo("#00000" + winner);
		assertThat(after.data("tenant.version")).isEqualTo(version + 1);
		admin.query(mutation, Map.of("input", Map.of("accentColor", original, "version", version + 1)));
	}

}
