package org.comptoir.api.identity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** An unsafe configuration as Spring Boot's "APPLICATION FAILED TO START" report: what and how to fix, no stack trace. */
class UnsafeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsafeConfigurationException cause) {
		return new FailureAnalysis("The API refuses to start with a configuration that would expose a deployment:\n  - "
				+ String.join("\n  - ", cause.reasons()),
				"Fix the settings named above. On a developer's machine the local jar (local/target/comptoir-local.jar) "
						+ "starts PostgreSQL and Keycloak itself and needs none of them.",
				cause);
	}

}
