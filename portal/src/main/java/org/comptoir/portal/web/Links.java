package org.comptoir.portal.web;

import java.net.URI;

import org.comptoir.portal.chamber.Chamber;

/**
 * Absolute addresses, as the request came (scheme, port): a chamber's portal ({@code <slug>.<base domain>}, or
 * its custom domain), and this page's own, for link previews and the sitemap.
 */
public record Links(String scheme, String host, int port, String baseDomain) {

	static Links of(URI request, String baseDomain) {
		return new Links(request.getScheme(), request.getHost(), request.getPort(), baseDomain);
	}

	public String chamber(Chamber chamber) {
		String host = chamber.customDomain() != null ? chamber.customDomain() : chamber.slug() + "." + baseDomain;
		return origin(host) + "/";
	}

	/** A path of this host as an absolute URL. */
	public String absolute(String path) {
		return origin(host) + path;
	}

	private String origin(String name) {
		boolean defaultPort = port < 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
		return scheme + "://" + name + (defaultPort ? "" : ":" + port);
	}

}
