package org.comptoir.api.protection;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one GraphQL request may ask for ({@code comptoir.limits.*}). Each limit is checked before
 * execution and refused with {@code QUERY_TOO_COMPLEX}, the message naming the limit.
 *
 * @param maxDocumentLength characters of the document
 * @param maxTokens grammar tokens of the document (graphql-java's parser stops past it)
 * @param maxDepth nesting of fields, fragments followed
 * @param maxAliases aliased fields in the document
 * @param maxDirectives directives in the document
 * @param maxCost the operation's cost: each object field costs 1, times the page sizes above it
 * @param defaultPageSize the page size a connection is counted at when {@code first} is not given
 * @param maxPageSize the largest {@code first} a connection accepts
 * @param maxEntities representations one federation {@code _entities} call may ask for (each is loaded)
 * @param pageSizes per field ({@code Type.field}), its own default and maximum page size
 * @param requestTimeout a query or mutation running longer is cancelled, its SQL too
 * @param statementTimeout PostgreSQL's own bound on any statement of the API (the backstop)
 * @param anonymousStatementTimeout the same bound, tighter, on each statement of an anonymous request:
 * what one visitor with no account may cost the database (past it, {@code QUERY_TOO_COMPLEX})
 */
@ConfigurationProperties("comptoir.limits")
public record QueryLimits(@DefaultValue("20000") int maxDocumentLength, @DefaultValue("3000") int maxTokens,
		@DefaultValue("15") int maxDepth, @DefaultValue("30") int maxAliases, @DefaultValue("30") int maxDirectives,
		@DefaultValue("5000") long maxCost, @DefaultValue("20") int defaultPageSize, @DefaultValue("100") int maxPageSize,
		@DefaultValue("200") int maxEntities, Map<String, PageSize> pageSizes, @DefaultValue("10s") Duration requestTimeout,
		@DefaultValue("30s") Duration statementTimeout, @DefaultValue("3s") Duration anonymousStatementTimeout) {

	/** Fields whose page sizes differ from the defaults, as their resolvers apply them. */
	private static final Map<String, PageSize> BUILT_IN = Map.of("Query.hsCodes", new PageSize(10, 50),
			"Query.memberReviews", new PageSize(50, 200));

	public QueryLimits {
		Map<String, PageSize> merged = new LinkedHashMap<>(BUILT_IN);
		if (pageSizes != null) {
			merged.putAll(pageSizes);
		}
		pageSizes = Map.copyOf(merged);
	}

	/** The page size rule of a field, by its coordinates ({@code Query.listings}). */
	public PageSize pageSize(String coordinates) {
		return pageSizes.getOrDefault(coordinates, new PageSize(defaultPageSize, maxPageSize));
	}

	public record PageSize(int defaultSize, int max) {
	}

}
