package org.comptoir.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The settings a deployment may change. */
@ConfigurationProperties("comptoir")
public record ComptoirProperties(@DefaultValue("localhost") String baseDomain, @DefaultValue Database database) {

	/** @param appRole the role the API connects as: owns nothing, cannot bypass row-level security */
	public record Database(@DefaultValue("comptoir_app") String appRole) {
	}

}
