package org.comptoir.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.graphql.autoconfigure.observation.GraphQlObservationAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Without Spring for GraphQL's observation instrumentation: it wraps every resolver in an observation
 * (a context and a wrapped environment per field, even with {@code graphql.datafetcher} observations
 * off) and rebuilds each request's DataLoader registry. Requests stay measured over HTTP
 * ({@code http.server.requests}); the one instrumentation is {@code protection.ProtectionInstrumentation}.
 */
@SpringBootApplication(exclude = GraphQlObservationAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class ComptoirApplication {

	public static void main(String[] args) {
		SpringApplication.run(ComptoirApplication.class, args);
	}

}
