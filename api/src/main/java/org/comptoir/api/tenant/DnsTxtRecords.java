package org.comptoir.api.tenant;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** TXT records, asked of the configured DNS server through the JDK's DNS provider (JNDI). */
@Component
class DnsTxtRecords {

	private final String providerUrl;

	DnsTxtRecords(DomainSettings settings) {
		String server = settings.dnsServer();
		this.providerUrl = server == null || server.isBlank() ? "dns:" : "dns://" + server.strip();
	}

	/** The TXT values of a name; none when the name does not exist. Fails when the server does not answer. */
	Mono<List<String>> lookup(String name) {
		return Mono.fromCallable(() -> lookupNow(name)).subscribeOn(Schedulers.boundedElastic());
	}

	private List<String> lookupNow(String name) throws NamingException {
		Hashtable<String, String> environment = new Hashtable<>();
		environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
		environment.put(Context.PROVIDER_URL, providerUrl);
		// a few seconds at most: an admin waits for the answer
		environment.put("com.sun.jndi.dns.timeout.initial", "1000");
		environment.put("com.sun.jndi.dns.timeout.retries", "2");
		DirContext dns = new InitialDirContext(environment);
		try {
			Attribute txt = dns.getAttributes(name, new String[] { "TXT" }).get("TXT");
			List<String> values = new ArrayList<>();
			if (txt != null) {
				NamingEnumeration<?> all = txt.getAll();
				while (all.hasMore()) {
					values.add(unquoted(String.valueOf(all.next())));
				}
			}
			return values;
		}
		catch (NameNotFoundException ex) {
			return List.of();
		}
		finally {
			dns.close();
		}
	}

	/** JNDI quotes a character-string holding spaces. */
	private static String unquoted(String value) {
		String v = value.strip();
		return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
	}

}
