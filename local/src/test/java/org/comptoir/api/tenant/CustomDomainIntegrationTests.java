package org.comptoir.api.tenant;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.comptoir.api.support.AppInstance;
import org.comptoir.api.support.Chambers;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.RawGraphQl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A custom domain is a chamber's once it proves it owns it, by a DNS TXT record a real DNS server
 * (started here, on a real UDP socket) answers; the platform's own names are nobody's.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomDomainIntegrationTests extends Chambers {

	private static final String BRANDING = """
			mutation($input: UpdateBrandingInput!) {
			  updateBranding(input: $input) {
			    tenant { branding { customDomain } customDomainVerification { domain status recordName token verifiedAt } }
			    userErrors { code message }
			  }
			}""";

	private static final String VERIFY = """
			mutation($input: VerifyCustomDomainInput!) {
			  verifyCustomDomain(input: $input) { tenant { branding { customDomain } customDomainVerification { status verifiedAt } }
			    userErrors { code message } }
			}""";

	private TxtServer dns;

	private AppInstance instance;

	@BeforeAll
	void startDnsAndAnInstanceAskingIt() throws SocketException {
		dns = new TxtServer();
		instance = AppInstance.start(List.of(), "comptoir.base-domain=comptoir.test", "comptoir.domains.reserved=api.comptoir.io",
				"comptoir.domains.dns-server=127.0.0.1:" + dns.port());
	}

	@AfterAll
	void stop() {
		instance.close();
		dns.close();
	}

	private RawGraphQl admin(String slug) {
		return new RawGraphQl(instance.port()).header("X-Tenant", slug)
			.header("Authorization", "Bearer " + token(slug, "admin@" + slug + ".test"));
	}

	private RawGraphQl byHost(String host) {
		return new RawGraphQl(instance.port()).header("Host", host);
	}

	@Test
	void thePlatformsOwnNamesAreNobodysDomain() {
		for (String domain : List.of("comptoir.test", "senegal.comptoir.test", "api.comptoir.io", "eu.api.comptoir.io", "localhost",
				"portal.localhost", "127.0.0.1", "[::1]", "portail.example.org:8443")) {
			RawGraphQl.Reply reply = admin("senegal").query(BRANDING, Map.of("input", Map.of("customDomain", domain)));
			assertThat(firstError(reply, "updateBranding")).as(domain + ": " + reply.text()).isEqualTo("INVALID_DOMAIN");
		}
	}

	@Test
	void aDomainIsServedOnlyOnceItsTxtRecordProvesIt() {
		String domain = "portail-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
		RawGraphQl.Reply asked = admin("senegal").query(BRANDING, Map.of("input", Map.of("customDomain", domain.toUpperCase(Locale.ROOT))));
		assertThat(asked.data("updateBranding.userErrors")).as(asked.text()).isEqualTo(List.of());
		assertThat(asked.data("updateBranding.tenant.branding.customDomain")).as("not served yet").isNull();
		assertThat(asked.data("updateBranding.tenant.customDomainVerification.domain")).isEqualTo(domain);
		assertThat(asked.data("updateBranding.tenant.customDomainVerification.status")).isEqualTo("PENDING");
		assertThat(asked.data("updateBranding.tenant.customDomainVerification.recordName")).isEqualTo("_comptoir-challenge." + domain);
		String token = (String) asked.data("updateBranding.tenant.customDomainVerification.token");
		assertThat(token).startsWith("comptoir-");

		// pending: host resolution does not know it, and nobody but the chamber's admins sees the token
		assertThat(byHost(domain).query("{ tenant { slug } }").data("tenant.slug")).isNotEqualTo("senegal");
		assertThat(admin("maroc").query("{ tenants { slug customDomainVerification { token } } }").text()).doesNotContain(token);
		assertThat(new RawGraphQl(instance.port()).header("X-Tenant", "senegal").query("{ tenant { customDomainVerification { token } } }")
			.data("tenant.customDomainVerification")).isNull();

		// no record, then a record with another value: not proved
		RawGraphQl.Reply none = admin("senegal").query(VERIFY, Map.of("input", Map.of("domain", domain)));
		assertThat(firstError(none, "verifyCustomDomain")).as(none.text()).isEqualTo("DOMAIN_NOT_VERIFIED");
		dns.publish("_comptoir-challenge." + domain, "comptoir-somebody-else");
		assertThat(firstError(admin("senegal").query(VERIFY, Map.of("input", Map.of("domain", domain))), "verifyCustomDomain"))
			.isEqualTo("DOMAIN_NOT_VERIFIED");

		dns.publish("_comptoir-challenge." + domain, "comptoir-somebody-else", token);
		RawGraphQl.Reply verified = admin("senegal").query(VERIFY, Map.of("input", Map.of("domain", domain)));
		assertThat(verified.data("verifyCustomDomain.userErrors")).as(verified.text()).isEqualTo(List.of());
		assertThat(verified.data("verifyCustomDomain.tenant.branding.customDomain")).isEqualTo(domain);
		assertThat(verified.data("verifyCustomDomain.tenant.customDomainVerification.status")).isEqualTo("VERIFIED");
		assertThat(verified.data("verifyCustomDomain.tenant.customDomainVerification.verifiedAt")).isNotNull();
		assertThat(byHost(domain).query("{ tenant { slug } }").data("tenant.slug")).isEqualTo("senegal");

		// served by one chamber, it is nobody else's, even with its own proof
		RawGraphQl.Reply taken = admin("maroc").query(BRANDING, Map.of("input", Map.of("customDomain", domain)));
		assertThat(firstError(taken, "updateBranding")).as(taken.text()).isEqualTo("DOMAIN_TAKEN");

		// and only the chamber's admins prove it
		RawGraphQl.Reply owner = new RawGraphQl(instance.port()).header("X-Tenant", "senegal")
			.header("Authorization", "Bearer " + token("senegal", "owner@senegal.test"))
			.query(VERIFY, Map.of("input", Map.of("domain", domain)));
		assertThat(owner.code()).isEqualTo("FORBIDDEN");

		// given up: no longer served
		assertThat(admin("senegal").query(BRANDING, Map.of("input", Map.of("customDomain", ""))).data("updateBranding.tenant.branding.customDomain"))
			.isNull();
		assertThat(byHost(domain).query("{ tenant { slug } }").data("tenant.slug")).isNotEqualTo("senegal");
	}

	/** The code of the first user error of a mutation's payload. */
	@SuppressWarnings("unchecked")
	private static Object firstError(RawGraphQl.Reply reply, String mutation) {
		Object errors = reply.data(mutation + ".userErrors");
		return errors instanceof List<?> list && !list.isEmpty() ? ((Map<String, Object>) list.get(0)).get("code") : null;
	}

	/**
	 * A DNS server on a UDP socket of its own, answering TXT questions for the names published (RFC
	 * 1035 messages: the header and question sent back, one answer per value), NXDOMAIN for others.
	 */
	static final class TxtServer implements AutoCloseable {

		private final DatagramSocket socket;

		private final Map<String, List<String>> records = new ConcurrentHashMap<>();

		TxtServer() throws SocketException {
			socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
			Thread thread = new Thread(this::serve, "test-dns");
			thread.setDaemon(true);
			thread.start();
		}

		int port() {
			return socket.getLocalPort();
		}

		void publish(String name, String... values) {
			records.put(name.toLowerCase(Locale.ROOT), List.of(values));
		}

		private void serve() {
			byte[] buffer = new byte[512];
			while (!socket.isClosed()) {
				try {
					DatagramPacket query = new DatagramPacket(buffer, buffer.length);
					socket.receive(query);
					byte[] answer = answer(query.getData(), query.getLength());
					socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
				}
				catch (IOException | RuntimeException ex) {
					// closed, or a message this server does not read: no answer
				}
			}
		}

		private byte[] answer(byte[] query, int length) {
			int end = 12;
			StringBuilder name = new StringBuilder();
			while (query[end] != 0) {
				int label = query[end] & 0xff;
				name.append(name.isEmpty() ? "" : ".").append(new String(query, end + 1, label, StandardCharsets.US_ASCII));
				end += label + 1;
			}
			int type = ((query[end + 1] & 0xff) << 8) | (query[end + 2] & 0xff);
			end += 5; // the terminating zero, type and class
			List<String> values = records.get(name.toString().toLowerCase(Locale.ROOT));
			List<String> answers = values == null || type != 16 ? List.of() : values;
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.write(query[0]);
			out.write(query[1]);
			out.write(0x84 | (query[2] & 0x01)); // response, authoritative, recursion desired as asked
			out.write(values == null ? 3 : 0); // NXDOMAIN for a name with no record
			writeShort(out, 1);
			writeShort(out, answers.size());
			writeShort(out, 0);
			writeShort(out, 0);
			out.write(query, 12, end - 12);
			for (String value : answers) {
				byte[] text = value.getBytes(StandardCharsets.US_ASCII);
				writeShort(out, 0xc00c); // the name of the question
				writeShort(out, 16);
				writeShort(out, 1);
				writeShort(out, 0);
				writeShort(out, 60);
				writeShort(out, text.length + 1);
				out.write(text.length);
				out.write(text, 0, text.length);
			}
			return out.toByteArray();
		}

		private static void writeShort(ByteArrayOutputStream out, int value) {
			out.write((value >> 8) & 0xff);
			out.write(value & 0xff);
		}

		@Override
		public void close() {
			socket.close();
		}

	}

}
