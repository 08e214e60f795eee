package org.comptoir.api.tenant;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Chambers' custom domains ({@code comptoir.domains.*}).
 *
 * @param reserved host names no chamber may claim, besides the base domain, its subdomains and
 * localhost: the API's own host names (each with its subdomains), e.g. {@code api.comptoir.africa}
 * @param dnsServer the DNS server asked for the proofs of ownership, {@code host:port}; empty: the
 * resolvers of the machine
 */
@ConfigurationProperties("comptoir.domains")
public record DomainSettings(@DefaultValue List<String> reserved, String dnsServer) {
}
