package org.comptoir.api.federation;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.federation.FederationSchemaFactory;

/**
 * Builds the schema as a federation subgraph: the SDL's {@code @link} and {@code @key} directives
 * turn into {@code _service} (for the router only, {@link RouterOnly}) and {@code _entities}, the
 * latter served by {@link EntityController}.
 */
@Configuration(proxyBeanMethods = false)
class FederationConfiguration {

	@Bean
	FederationSchemaFactory federationSchemaFactory() {
		return new FederationSchemaFactory();
	}

	@Bean
	GraphQlSourceBuilderCustomizer federationSchema(FederationSchemaFactory factory) {
		return builder -> builder.schemaFactory((registry, wiring) -> RouterOnly
			.apply(EntityRefusals.apply(factory.createGraphQLSchema(registry, wiring))));
	}

	@Bean
	RouterOnly routerOnly(FederationProperties properties,
			@Value("${spring.graphql.schema.introspection.enabled:true}") boolean introspection) {
		return new RouterOnly(properties, introspection);
	}

}
