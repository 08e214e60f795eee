package org.comptoir.portal.chamber;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.i18n.LocaleContextResolver;

@Configuration
class ChamberConfiguration {

	/** Replaces WebFlux's Accept-Language-only resolver: the chamber's languages decide. */
	@Bean(WebHttpHandlerBuilder.LOCALE_CONTEXT_RESOLVER_BEAN_NAME)
	LocaleContextResolver localeContextResolver() {
		return new ChamberLocales();
	}

}
