package org.comptoir.api.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one cursor codec of every connection: a keyset position (the sort values of the last row seen)
 * as its values joined by NUL, in base64url. Opaque to clients; NUL never occurs in PostgreSQL text,
 * so a value (a company name) cannot split.
 * <p>
 * Hand-written rather than Spring for GraphQL's {@code ScrollSubrange}/{@code CursorStrategy}: our
 * keysets are typed values read in plain SQL (float rank, timestamps, UUIDs, score), connections carry
 * {@code totalCount}, and a bad cursor must stay our {@code BAD_USER_INPUT}.
 */
public final class Cursors {

	private static final String SEPARATOR = "\u0000";

	private Cursors() {
	}

	/** The cursor of these values, in sort order; a null value is kept as empty. */
	public static String encode(Object... values) {
		String raw = String.join(SEPARATOR, Arrays.stream(values).map(v -> v == null ? "" : v.toString()).toList());
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** The position a cursor of {@code size} values holds, empty when it is not one of ours. */
	public static <T> Optional<T> decode(String cursor, int size, Function<List<String>, T> position) {
		try {
			List<String> values = List.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
				.split(SEPARATOR, -1));
			return values.size() == size ? Optional.of(position.apply(values)) : Optional.empty();
		}
		catch (RuntimeException ex) {
			return Optional.empty(); // not base64, or values that do not parse
		}
	}

	/** The position, or {@code BAD_USER_INPUT} ("Invalid cursor") when the cursor is not one of ours. */
	public static <T> T require(String cursor, int size, Function<List<String>, T> position) {
		return decode(cursor, size, position).orElseThrow(() -> ApiException.badInput("Invalid cursor: " + cursor));
	}

}
