package org.comptoir.api.matchmaking;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.comptoir.api.listing.ListingPublished;
import org.comptoir.api.database.TenantTransactions;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MatchNotificationsTests {

	/** Scoring that waits until the gate opens, counting the publications it was asked about. */
	static class GatedMatches extends MatchScoring {

		final AtomicInteger asked = new AtomicInteger();

		final Sinks.Empty<Void> gate = Sinks.empty();

		GatedMatches() {
			super(null);
		}

		@Override
		Flux<Scored> matches(TenantTransactions.Reader reader, UUID srcTenant, UUID srcId, boolean mutual, double minScore, int first,
				Cursor after) {
			asked.incrementAndGet();
			return gate.asMono().thenMany(Flux.empty());
		}

	}

	@Test
	void publicationsBeyondTheQueueAreDroppedAndNeverWaitedFor() {
		GatedMatches matches = new GatedMatches();
		MatchNotifications notifications = new MatchNotifications(matches, null, null,
				new MatchmakingProperties(5, 50, 5, 0.6, 2, 1));
		notifications.start();
		try {
			for (int i = 0; i < 5; i++) {
				notifications.published(new ListingPublished(UUID.randomUUID(), UUID.randomUUID()));
			}
			// one scored at a time, two waiting, two dropped: the publishers returned at once
			assertThat(matches.asked).hasValue(1);
			matches.gate.tryEmitEmpty();
			await().atMost(Duration.ofSeconds(5)).until(() -> matches.asked.get() == 3);
			notifications.published(new ListingPublished(UUID.randomUUID(), UUID.randomUUID()));
			await().atMost(Duration.ofSeconds(5)).until(() -> matches.asked.get() == 4);
		}
		finally {
			notifications.stop();
		}
	}

}
