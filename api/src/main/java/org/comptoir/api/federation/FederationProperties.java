package org.comptoir.api.federation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code comptoir.federation.*}.
 *
 * @param routerSecret what the router sends in {@code X-Router-Secret} to read {@code _service { sdl }};
 * unset, {@code _service} is served only where introspection is on (development), and refused with
 * {@code FORBIDDEN} where it is off (the production profile)
 */
@ConfigurationProperties("comptoir.federation")
public record FederationProperties(String routerSecret) {

	boolean hasRouterSecret() {
		return routerSecret != null && !routerSecret.isBlank();
	}

}
