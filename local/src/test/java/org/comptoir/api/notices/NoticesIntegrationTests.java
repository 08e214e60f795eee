package org.comptoir.api.notices;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.listing.ListingCatalog;
import org.comptoir.api.support.FreshCompanies;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.Live;
import org.comptoir.api.support.MailServer;
import org.comptoir.tenants.CurrentTenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A company hears of what concerns it without a page open: a contact request, an answer, the chamber's
 * decision on it come as a notification in the bell and an e-mail (a real SMTP server, the messages read
 * back), once each, in its language, with one-click unsubscribe.
 */
@IntegrationTest
class NoticesIntegrationTests extends FreshCompanies {

	@Autowired
	NoticeWorker worker;

	@Autowired
	Notifications notifications;

	@Autowired
	ListingCatalog catalog;

	@Autowired
	TenantTransactions transactions;

	@Test
	void aContactRequestReachesTheOtherCompanyByEMailAndInTheBell() throws Exception {
		Company buyer = company("france", "APPROVE");
		Company seller = company("senegal", "APPROVE");
		listing(seller, "OFFER", "080132", "NETWORK");
		as(buyer).documentName("RequestContact").variable("input", Map.of("memberId", seller.id(),
				"message", "Bonjour, nous cherchons 20 tonnes de noix de cajou.")).execute()
			.path("requestContact.userErrors").entityList(Object.class).hasSize(0);

		MimeMessage mail = awaitMail(seller.email(), "demande de contact");
		assertThat(mail.getHeader("List-Unsubscribe")[0]).contains("/notices/unsubscribe/senegal/");
		assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(text(mail)).contains("noix de cajou").contains("http://senegal.localhost:8080/contact-requests/");

		GraphQlTester.Response bell = as(seller).documentName("Notifications").variable("unreadOnly", true).execute();
		bell.path("viewer.unreadNotifications").entity(Integer.class).isEqualTo(2);
		bell.path("viewer.notifications.edges[0].node.kind").entity(String.class).isEqualTo("CONTACT_REQUEST_RECEIVED");
		bell.path("viewer.notifications.edges[0].node.emailStatus").entity(String.class).isEqualTo("SENT");
		as(seller).document("mutation { markNotificationsRead(input: {}) { marked unreadNotifications } }").execute()
			.path("markNotificationsRead.marked").entity(Integer.class).isEqualTo(2)
			.path("markNotificationsRead.unreadNotifications").entity(Integer.class).isEqualTo(0);
		assertThat(MailServer.to(buyer.email()).stream().filter(m -> subject(m).contains("demande de contact")).toList())
			.as("the requester is not told of its own request").isEmpty();
	}

	@Test
	void theBellRingsLiveOverAWebSocket() throws Exception {
		Company company = company("france");
		await().atMost(Duration.ofSeconds(10)).until(() -> worker.subscribers() == 0);
		try (Live.Received<Map> received = new Live.Received<>(Live.client(port, "france", company.token()),
				client -> client.documentName("NotificationAdded").executeSubscription().toFlux("notificationAdded", Map.class))) {
			await().atMost(Duration.ofSeconds(10)).failFast("the subscription ended", () -> received.error() != null)
				.until(() -> worker.subscribers() > 0);
			decide(company, "APPROVE");
			Map<?, ?> live = received.next();
			assertThat(live.get("kind")).isEqualTo("MEMBER_APPROVED");
			assertThat(live.get("read")).isEqualTo(false);
		}
	}

	@Test
	void theChambersDecisionReachesTheCompanyOnceEvenWhenTwoWorkersRunAtOnce() throws Exception {
		Company company = company("rwanda");
		decide(company, "APPROVE");
		CompletableFuture.allOf(CompletableFuture.runAsync(() -> worker.drain().block()),
				CompletableFuture.runAsync(() -> worker.drain().block())).join();
		awaitMail(company.email(), "");
		worker.drain().block();
		assertThat(MailServer.to(company.email())).as("one message, whatever the workers").hasSize(1);
		as("admin", "rwanda").document("{ notificationDeliveries(first: 100) { address status attempts kind } }").execute()
			.path("notificationDeliveries[?(@.address == '" + company.email() + "')].status").entityList(String.class)
			.containsExactly("SENT");
	}

	@Test
	void oneClickUnsubscribeStopsTheEMailsButNotTheBell() throws Exception {
		Company company = company("maroc", "APPROVE");
		MimeMessage approved = awaitMail(company.email(), "");
		String unsubscribe = approved.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");
		assertThat(api().http().post().uri(unsubscribe.replaceFirst("^https?://[^/]+", ""))
			.bodyValue("List-Unsubscribe=One-Click").exchange().returnResult(String.class).getStatus().value()).isEqualTo(200);
		as(company).documentName("Notifications").execute().path("viewer.notificationSettings.email").entity(String.class).isEqualTo("OFF");

		decide(company, "SUSPEND");
		for (int i = 0; i < 30; i++) {
			if (unread(company) == 2) {
				break;
			}
			Thread.sleep(200);
		}
		assertThat(unread(company)).as("approved, then suspended: both in the bell").isEqualTo(2);
		worker.drain().block();
		assertThat(MailServer.to(company.email())).as("no e-mail after unsubscribing").hasSize(1);
	}

	@Test
	void theLanguageOfNoticesIsTheUsers() throws Exception {
		Company company = company("maroc");
		as(company).document("mutation { updateNotificationSettings(input: {locale: \"ar\"}) { notificationSettings { locale } userErrors { code } } }")
			.execute().path("updateNotificationSettings.notificationSettings.locale").entity(String.class).isEqualTo("ar");
		as(company).document("mutation { updateNotificationSettings(input: {locale: \"de\"}) { userErrors { code } } }")
			.execute().path("updateNotificationSettings.userErrors[0].code").entity(String.class).isEqualTo("UNSUPPORTED_LOCALE");
		decide(company, "APPROVE");
		MimeMessage mail = awaitMail(company.email(), "");
		assertThat(html(mail)).contains("dir=\"rtl\"");
	}

	@Test
	void aFloodOfNoticesBecomesAtMostTheHourlyCapOfEMails() throws Exception {
		Company company = company("senegal", "APPROVE");
		awaitMail(company.email(), "");
		UUID senegal = CurrentTenant.idOfDefinedChamber("senegal");
		UUID member = GlobalId.decode(company.id()).orElseThrow().localId();
		transactions.mono(senegal, db -> Flux.range(0, 25).concatMap(i -> notifications.record(db, senegal, senegal, member,
				new Notice(Notice.Kind.CONTACT_REQUEST_RECEIVED, Map.of("fromCompany", "Spam " + i, "message", "Achetez")), "/x"), 0)
			.then()).block();
		for (int i = 0; i < 100 && MailServer.to(company.email()).size() < 20; i++) {
			Thread.sleep(100);
		}
		worker.drain().block();
		assertThat(MailServer.to(company.email())).as("20 an hour to one address, the approval included").hasSize(20);
		assertThat(unread(company)).as("the bell has them all").isEqualTo(26);
		as("admin", "senegal").document("{ notificationDeliveries(status: CAPPED, first: 100) { address } }").execute()
			.path("notificationDeliveries[?(@.address == '" + company.email() + "')]").entityList(Object.class).hasSize(6);
	}

	@Test
	void aCompanyIsToldOnceThatItsListingExpiresSoon() throws Exception {
		Company company = company("senegal", "APPROVE");
		as(company).documentName("CreateListing").variable("input", Map.of("kind", "OFFER", "title", "Mangues Kent de Casamance",
				"hsCode", "080450", "visibility", "NETWORK", "expiresAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString()))
			.execute().path("createListing.userErrors").entityList(Object.class).hasSize(0);
		assertThat(catalog.warnOfExpiry().block()).isGreaterThanOrEqualTo(1);
		MimeMessage mail = awaitMail(company.email(), "expire");
		assertThat(text(mail)).contains("Mangues Kent de Casamance");
		catalog.warnOfExpiry().block();
		worker.drain().block();
		assertThat(MailServer.to(company.email()).stream().filter(m -> subject(m).contains("expire")).toList()).as("told once").hasSize(1);
	}

	private int unread(Company company) {
		return as(company).documentName("Notifications").execute().path("viewer.unreadNotifications").entity(Integer.class).get();
	}

	private static MimeMessage awaitMail(String address, String words) {
		return MailServer.about(address, words);
	}

	private static String subject(MimeMessage message) {
		return MailServer.subject(message);
	}

	static String text(MimeMessage message) throws Exception {
		return part(message, "text/plain");
	}

	static String html(MimeMessage message) throws Exception {
		return part(message, "text/html");
	}

	/** The first part of that type, however deep the multipart nests it. */
	private static String part(Object content, String type) throws Exception {
		if (content instanceof MimeMessage message) {
			return message.isMimeType(type) ? (String) message.getContent() : part(message.getContent(), type);
		}
		if (content instanceof MimeMultipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				var body = multipart.getBodyPart(i);
				if (body.isMimeType(type)) {
					return (String) body.getContent();
				}
				if (body.getContent() instanceof MimeMultipart nested) {
					String found = part(nested, type);
					if (found != null) {
						return found;
					}
				}
			}
		}
		return null;
	}

}
