package org.comptoir.api.graphql;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorsTests {

	@Test
	void valuesComeBackAsTheyWentInNullsAsEmpty() {
		UUID id = UUID.randomUUID();
		OffsetDateTime at = OffsetDateTime.parse("2026-11-23T10:15:00.123456Z");
		String cursor = Cursors.encode(null, at, "Dupont | Fils & Cie", id);
		assertThat(Cursors.decode(cursor, 4, v -> v)).contains(List.of("", at.toString(), "Dupont | Fils & Cie", id.toString()));
		assertThat(cursor).matches("[A-Za-z0-9_-]+");
	}

	@Test
	void aCursorThatIsNotOursIsEmptyOrABadUserInput() {
		assertThat(Cursors.decode("not base64!", 1, v -> v)).isEmpty();
		assertThat(Cursors.decode(Cursors.encode("a", "b"), 3, v -> v)).isEmpty();
		assertThat(Cursors.decode(Cursors.encode("x"), 1, v -> Long.parseLong(v.get(0)))).isEmpty();
		assertThatThrownBy(() -> Cursors.require("nope", 1, v -> Long.parseLong(v.get(0))))
			.isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.BAD_USER_INPUT))
			.hasMessage("Invalid cursor: nope");
	}

}
