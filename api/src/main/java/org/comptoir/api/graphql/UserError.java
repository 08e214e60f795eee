package org.comptoir.api.graphql;

import java.util.List;

/** A problem with a mutation's input that the user can fix, with a stable code. */
public record UserError(List<String> field, String message, String code) {

	public static UserError of(String code, String message, String... field) {
		return new UserError(field.length == 0 ? null : List.of(field), message, code);
	}

}
