package org.comptoir.api.graphql;

import java.util.List;

/** Relay connection shapes shared by every paginated field. */
public final class Connections {

	private Connections() {
	}

	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

	public record Edge<T>(String cursor, T node) {
	}

	public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, int totalCount) {

		public static <T> Connection<T> of(List<Edge<T>> edges, boolean hasNext, boolean hasPrevious, int totalCount) {
			return new Connection<>(edges, new PageInfo(hasNext, hasPrevious, edges.isEmpty() ? null : edges.get(0).cursor(),
					edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()), totalCount);
		}
	}

	/** A page size within bounds: {@code first} defaults to {@code fallback} and is capped at {@code max}. */
	public static int pageSize(Integer first, int fallback, int max) {
		if (first != null && first < 0) {
			throw ApiException.badInput("'first' must not be negative: " + first);
		}
		return Math.min(first == null ? fallback : first, max);
	}

}
