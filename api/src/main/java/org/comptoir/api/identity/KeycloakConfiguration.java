package org.comptoir.api.identity;

import org.comptoir.keycloak.RealmProvisioner;
import org.comptoir.keycloak.RealmTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The identity provider: the configured Keycloak ({@code comptoir.keycloak.url}). Provisioning goes
 * through the admin client, as the provisioning client's service account, never as the master admin.
 */
@Configuration(proxyBeanMethods = false)
class KeycloakConfiguration {

	@Bean
	RealmTemplate realmTemplate(IdentityProperties properties, MailProperties mail) {
		return properties.realmTemplate(mail);
	}

	@Bean
	ProvisioningClient provisioningClient(IdentityProperties properties) {
		return new ProvisioningClient(properties.provisioningClientId(), properties.provisioningClientSecret());
	}

	@Bean(destroyMethod = "close")
	RealmProvisioner realmProvisioner(IdentityProperties properties, RealmTemplate template, ProvisioningClient client) {
		return RealmProvisioner.connectAsClient(properties.baseUrl(), client.clientId(), client.secret(), template);
	}

}
