package org.comptoir.api.identity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** An unsafe configuration as Spring Boot's "APPLICATION FAILED TO START" report: what and how to fix, no stack trace. */
class UnsafeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsafeConfigurationException cause) {
		return new FailureAnalysis("The API refuses to start with a configuration that would expose a deployment:\n  - "
				+ String.join("\n  - ", cause.reasons()),
				"Fix the settings named above. The local run (no COMPTOIR_KEYCLOAK_URL, no SPRING_R2DBC_URL, no production "
						+ "profile) needs none of them.",
				cause);
	}

}
