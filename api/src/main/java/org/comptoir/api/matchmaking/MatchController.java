package org.comptoir.api.matchmaking;

import java.util.List;
import java.util.Objects;

import graphql.GraphQLContext;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.comptoir.api.graphql.ApiException;
import org.comptoir.api.graphql.CompiledFields;
import org.comptoir.api.graphql.Connections;
import org.comptoir.api.graphql.Connections.PageInfo;
import org.comptoir.api.listing.Listing;
import org.comptoir.api.listing.ListingCatalog;
import org.comptoir.api.listing.ListingCatalog.ListingKey;
import org.comptoir.api.matchmaking.MatchmakingInputs.MatchConnection;
import org.comptoir.api.matchmaking.MatchmakingInputs.MatchEdge;
import org.comptoir.api.identity.Visit;
import org.comptoir.api.member.MemberDirectory;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * {@code Listing.matches}; the notifications of new matches are {@link MatchNotifications}.
 */
@Controller
record MatchController(MatchScoring matches, ListingCatalog catalog, MemberDirectory directory) implements CompiledFields {

	/**
	 * Three statements whatever the page: the source listing's traits and its neighbours (scored here), then the
	 * listings themselves through the marketplace (whose batch loaders then serve their companies
	 * and chambers).
	 */
	@SchemaMapping(typeName = "Listing")
	Mono<MatchConnection> matches(Listing listing, @Argument Integer first, @Argument String after, GraphQLContext context,
			Visit visit) {
		Mono<Reader> visitor = directory.reader(context, visit);
		int size = Connections.pageSize(first, 10, 50);
		MatchScoring.Cursor cursor = after == null ? null
				: MatchScoring.Cursor.decode(after).orElseThrow(() -> ApiException.badInput("Invalid cursor: " + after));
		return visitor.flatMap(reader -> matches.matches(reader,
				listing.tenantId(), listing.listingId(), false, 0, size + 1, cursor)
			.collectList()
			.flatMap(scored -> {
				boolean hasNext = scored.size() > size;
				List<MatchScoring.Scored> page = hasNext ? scored.subList(0, size) : scored;
				return catalog.visible(reader, page.stream().map(s -> new ListingKey(s.tenantId(), s.listingId())).toList())
					.map(found -> {
						List<MatchEdge> edges = page.stream().map(s -> {
							Listing match = found.get(new ListingKey(s.tenantId(), s.listingId()));
							return match == null ? null : new MatchEdge(
									new MatchScoring.Cursor(s.score(), s.tenantId(), s.listingId()).encode(), s.score(), match);
						}).filter(Objects::nonNull).toList();
						return new MatchConnection(edges, new PageInfo(hasNext, cursor != null,
								edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
					});
			}));
	}

	/** A listing's matches, for pages written in one pass ({@link CompiledFields}). */
	@Override
	public void declare(Declarations declarations) {
		declarations.loaded("Listing", "matches", Listing.class, (listing, arguments, context) -> matches(listing,
				arguments.get("first", Integer.class), arguments.get("after", String.class), context, Visit.of(context)));
	}

}
