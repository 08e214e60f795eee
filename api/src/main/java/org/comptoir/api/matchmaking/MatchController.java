package org.comptoir.api.matchmaking;

import java.util.List;
import java.util.Objects;

import graphql.GraphQLContext;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.Connections;
import org.comptoir.api.graphql.Connections.PageInfo;
import org.comptoir.api.listing.Listing;
import org.comptoir.api.listing.ListingCatalog;
import org.comptoir.api.listing.ListingCatalog.ListingKey;
import org.comptoir.api.listing.ListingPublished;
import org.comptoir.api.matchmaking.MatchmakingInputs.MatchConnection;
import org.comptoir.api.matchmaking.MatchmakingInputs.MatchEdge;
import org.comptoir.api.tenant.TenantScope;
import org.comptoir.tenants.CurrentTenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * {@code Listing.matches}, and the match notifications: when a listing is published, the owners of
 * the listings it fits best hear of it (through {@code matchFound}).
 */
@Controller
class MatchController {

	private static final Logger log = LoggerFactory.getLogger(MatchController.class);

	private final MatchRepository matches;

	private final ListingCatalog catalog;

	private final MatchmakingEvents events;

	private final TenantTransactions transactions;

	private final MatchmakingProperties properties;

	MatchController(MatchRepository matches, ListingCatalog catalog, MatchmakingEvents events,
			TenantTransactions transactions, MatchmakingProperties properties) {
		this.matches = matches;
		this.catalog = catalog;
		this.events = events;
		this.transactions = transactions;
		this.properties = properties;
	}

	/**
	 * Two statements whatever the page: the scores, then the listings themselves through the
	 * marketplace (whose batch loaders then serve their companies and chambers).
	 */
	@SchemaMapping(typeName = "Listing")
	Mono<MatchConnection> matches(Listing listing, @Argument Integer first, @Argument String after, GraphQLContext context) {
		CurrentTenant tenant = TenantScope.require(context);
		int size = Connections.pageSize(first, 10, 50);
		MatchRepository.Cursor cursor = after == null ? null
				: MatchRepository.Cursor.decode(after).orElseThrow(() -> ApiException.badInput("Invalid cursor: " + after));
		return matches.matches(tenant.id(), listing.tenantId(), listing.listingId(), false, 0, size + 1, cursor)
			.collectList()
			.flatMap(scored -> {
				boolean hasNext = scored.size() > size;
				List<MatchRepository.Scored> page = hasNext ? scored.subList(0, size) : scored;
				return catalog.visible(tenant, page.stream().map(s -> new ListingKey(s.tenantId(), s.listingId())).toList())
					.map(found -> {
						List<MatchEdge> edges = page.stream().map(s -> {
							Listing match = found.get(new ListingKey(s.tenantId(), s.listingId()));
							return match == null ? null : new MatchEdge(
									new MatchRepository.Cursor(s.score(), s.tenantId(), s.listingId()).encode(), s.score(), match);
						}).filter(Objects::nonNull).toList();
						return new MatchConnection(edges, new PageInfo(hasNext, cursor != null,
								edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
					});
			});
	}

	/**
	 * A listing was published: its best matches, among the listings whose chamber can see it,
	 * are told, ids only. Runs after the publication's commit, off the request.
	 */
	@EventListener
	void published(ListingPublished event) {
		matches.matches(event.tenantId(), event.tenantId(), event.listingId(), true, properties.notifyMinScore(),
				properties.notifiedMatches(), null)
			.map(s -> new MatchmakingEvent.MatchFound(s.tenantId(), s.memberId(), s.listingId(), event.tenantId(),
					event.listingId(), s.score()))
			.collectList()
			.flatMap(found -> transactions.mono(event.tenantId(), db -> events.publish(db, found).thenReturn(found.size())))
			.subscribe(count -> log.debug("Listing {} published: {} owners of matching listings told", event.listingId(), count),
					ex -> log.warn("Match notifications for listing {} failed: {}", event.listingId(), ex.toString()));
	}
}
