package org.comptoir.api.protection;

import java.util.Map;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The backstop behind the request timeout: PostgreSQL itself ends any statement of the API's
 * connections that runs past {@code comptoir.limits.statement-timeout}, whatever the API does.
 */
@Configuration(proxyBeanMethods = false)
class StatementTimeout {

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer statementTimeoutOption(QueryLimits limits) {
		return options -> options.option(PostgresqlConnectionFactoryProvider.OPTIONS,
				Map.of("statement_timeout", Long.toString(limits.statementTimeout().toMillis())));
	}

}
