package org.comptoir.api.protection;

import java.time.Duration;

import graphql.execution.instrumentation.Instrumentation;
import io.micrometer.core.instrument.MeterRegistry;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * graphql-java runs one instrumentation, the API's own, as it is (no chain of one), and no observation
 * wraps the resolvers: what every field of every request pays. Requests are still measured over HTTP.
 */
@IntegrationTest
class InstrumentationIntegrationTests extends Chambers {

	@Autowired
	ApplicationContext context;

	@Autowired
	GraphQlSource source;

	@Autowired
	MeterRegistry meters;

	@Test
	void graphQlRunsTheOneInstrumentationOfTheApi() {
		assertThat(context.getBeansOfType(Instrumentation.class).values()).singleElement()
			.isInstanceOf(ProtectionInstrumentation.class);
		assertThat(source.graphQl().getInstrumentation()).isSameAs(context.getBean(ProtectionInstrumentation.class));
	}

	@Test
	void requestsAreMeasuredOverHttpNotPerResolver() {
		anonymous("senegal").documentName("PortalShell").execute().path("tenant.slug").entity(String.class).isEqualTo("senegal");
		await().atMost(Duration.ofSeconds(5)).until(() -> !meters.find("http.server.requests").timers().isEmpty());
		assertThat(meters.find("graphql.request").meters()).isEmpty();
		assertThat(meters.find("graphql.datafetcher").meters()).isEmpty();
		assertThat(meters.find("graphql.dataloader").meters()).isEmpty();
	}

}
