package org.comptoir.api.identity;

import java.util.List;

/** The configuration would expose a deployment; the API refuses to start. */
public class UnsafeConfigurationException extends RuntimeException {

	private final List<String> reasons;

	public UnsafeConfigurationException(List<String> reasons) {
		super("Refusing to start: " + String.join("; ", reasons), null, false, false);
		this.reasons = List.copyOf(reasons);
	}

	public List<String> reasons() {
		return this.reasons;
	}

}
