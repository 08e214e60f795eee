package org.comptoir.api.identity;

import org.comptoir.api.graphql.ApiErrors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerReactiveAuthenticationManagerResolver;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Bearer tokens from the chambers' realms; anonymous requests pass (public directory, search) and
 * each resolver checks what it needs. A token that fails validation is refused with
 * {@code UNAUTHENTICATED}; a token from another chamber than the one named with {@code TENANT_MISMATCH}.
 * A token verified once is kept until it expires ({@link VerifiedTokens}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, TrustedIssuers issuers,
			RequestIdentity identity) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
			.oauth2ResourceServer(oauth -> oauth
				.authenticationManagerResolver(new VerifiedTokens(TrustedIssuers.KEYS_TTL)
					.keeping(new JwtIssuerReactiveAuthenticationManagerResolver(issuers::managerFor)))
				.authenticationEntryPoint((exchange, ex) -> {
					RequestIdentity.Refused refused = RequestIdentity.unauthenticated();
					return ApiErrors.write(exchange.getResponse(), refused.status(), refused.code(), refused.message());
				}))
			.addFilterAfter(new TenantIssuerFilter(identity), SecurityWebFiltersOrder.AUTHENTICATION)
			.build();
	}

}
