package org.comptoir.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The reference white-label portal: every chamber's marketplace, chosen by the request's host, rendered on the
 * server from the API's GraphQL (over HTTP, and WebSocket for what is live). It holds no data of its own.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApplication {

	public static void main(String[] args) {
		SpringApplication.run(PortalApplication.class, args);
	}

}
