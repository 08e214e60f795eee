package org.comptoir.api.protection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The address an anonymous client is counted by. {@code X-Forwarded-For} is read from the right,
 * since each hop appends and only the hops we trust wrote theirs: the client is the right-most hop
 * that is not a trusted proxy (its left part is whatever the client sent). A trusted forwarder (a
 * portal's server, proven by {@code X-Forwarder-Secret}) counts as one more trusted hop, so its
 * visitors are counted apart. With nothing configured, the socket's address, headers ignored. The
 * rate limits and the cap on anonymous sockets count by it.
 */
@Component
public final class ClientAddress {

	static final String FORWARDER_SECRET = "X-Forwarder-Secret";

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private final List<Cidr> proxies;

	private final List<byte[]> forwarderSecrets;

	ClientAddress(RateLimits limits) {
		this.proxies = limits.trustedProxies().stream().map(Cidr::parse).toList();
		this.forwarderSecrets = limits.trustedForwarders().stream()
			.filter(f -> f.secret() != null && !f.secret().isBlank())
			.map(f -> f.secret().getBytes(StandardCharsets.UTF_8))
			.toList();
	}

	/** The client's address, from the socket's and the forwarding hops' (a request's, or a WebSocket handshake's headers). */
	public String of(@Nullable InetSocketAddress remote, HttpHeaders headers) {
		String socket = remote == null ? "unknown"
				: remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
		boolean forwarder = isForwarder(headers.getFirst(FORWARDER_SECRET));
		if (proxies.isEmpty() && !forwarder) {
			return socket;
		}
		List<String> hops = new ArrayList<>();
		for (String header : headers.getOrEmpty("X-Forwarded-For")) {
			for (String hop : header.split(",")) {
				hops.add(hop.trim());
			}
		}
		hops.add(socket);
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = literal(hops.get(i));
			if (hop == null) {
				return i == hops.size() - 1 ? socket : hops.get(i + 1); // not an address: the hop that wrote it answers for it
			}
			if (trustedProxy(hop)) {
				continue;
			}
			if (forwarder) {
				forwarder = false; // the forwarder's own hop: its visitor is the next one to the left
				continue;
			}
			return hop;
		}
		return literal(hops.get(0)) != null ? literal(hops.get(0)) : socket;
	}

	private boolean trustedProxy(String address) {
		byte[] bytes = bytes(address);
		return bytes != null && proxies.stream().anyMatch(proxy -> proxy.contains(bytes));
	}

	private static byte[] bytes(String literal) {
		try {
			return InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal).getAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * An address block: {@code 10.0.0.0/8}, {@code fd00::/8}, or one address. Kept here: Spring Security's
	 * IpAddressMatcher is of its servlet side, and its WebFlux matcher reads the exchange's socket only.
	 */
	private record Cidr(byte[] network, int bits) {

		static Cidr parse(String text) {
			String[] parts = text.trim().split("/", 2);
			String address = literal(parts[0]);
			byte[] network = address == null ? null : bytes(address);
			if (network == null) {
				throw new IllegalArgumentException("comptoir.rate-limit.trusted-proxies: not an address or CIDR: " + text);
			}
			int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
			if (bits < 0 || bits > network.length * 8) {
				throw new IllegalArgumentException("comptoir.rate-limit.trusted-proxies: bad prefix length: " + text);
			}
			return new Cidr(network, bits);
		}

		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			for (int bit = 0; bit < bits; bit++) {
				int mask = 0x80 >> (bit % 8);
				if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}
	}

	private boolean isForwarder(String secret) {
		if (secret == null || forwarderSecrets.isEmpty()) {
			return false;
		}
		byte[] given = secret.getBytes(StandardCharsets.UTF_8);
		boolean match = false;
		for (byte[] known : forwarderSecrets) {
			match |= MessageDigest.isEqual(known, given);
		}
		return match;
	}

	/** An IP literal, canonical (never looked up: a client wrote it); null when it is not one. */
	private static String literal(String hop) {
		String address = hop.startsWith("[") && hop.contains("]") ? hop.substring(1, hop.indexOf(']')) : hop;
		try {
			if (IPV4.matcher(address).matches()) {
				String[] parts = address.split("\\.");
				byte[] bytes = new byte[4];
				for (int i = 0; i < 4; i++) {
					int octet = Integer.parseInt(parts[i]);
					if (octet > 255) {
						return null;
					}
					bytes[i] = (byte) octet;
				}
				return InetAddress.getByAddress(bytes).getHostAddress();
			}
			if (IPV6.matcher(address).matches()) {
				return InetAddress.getByName("[" + address + "]").getHostAddress(); // brackets: a literal or an error
			}
		}
		catch (UnknownHostException ex) {
			return null;
		}
		return null;
	}

}
