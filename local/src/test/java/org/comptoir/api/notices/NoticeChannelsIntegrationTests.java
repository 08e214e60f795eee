package org.comptoir.api.notices;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.support.FreshCompanies;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.MailServer;
import org.comptoir.tenants.CurrentTenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When and how a notice reaches a user: at once, or gathered into a daily or weekly digest at the user's hour,
 * never in their quiet hours, with the chamber's defaults for whoever chose nothing; and settings that cannot be
 * are refused with a code.
 */
@IntegrationTest
class NoticeChannelsIntegrationTests extends FreshCompanies {

	@Autowired
	NoticeWorker worker;

	@Autowired
	Notifications notifications;

	@Autowired
	TenantTransactions transactions;

	@Test
	void quietHoursAndDigestTimesAreTheUsersLocalTimes() {
		UUID rwanda = CurrentTenant.idOfDefinedChamber("rwanda");
		// 2026-12-02 is a Wednesday; Kigali is UTC+2
		Map<String, OffsetDateTime> times = transactions.read(rwanda, db -> db.sql("""
				SELECT notice_quiet_end('2026-12-02 22:30Z', 'Africa/Kigali', '21:00', '07:00') AS night,
				       notice_quiet_end('2026-12-02 12:00Z', 'Africa/Kigali', '21:00', '07:00') AS day,
				       notice_quiet_end('2026-12-02 10:30Z', 'Africa/Kigali', '12:00', '14:00') AS lunch,
				       notice_quiet_end('2026-12-02 10:30Z', 'Africa/Kigali', '12:00', '12:00') AS never,
				       notice_digest_due('2026-12-02 10:00Z', 'Africa/Kigali', 'DAILY', 8, 1) AS daily,
				       notice_digest_due('2026-12-02 05:00Z', 'Africa/Kigali', 'DAILY', 8, 1) AS early,
				       notice_digest_due('2026-12-02 10:00Z', 'Africa/Kigali', 'WEEKLY', 8, 1) AS weekly""")
			.map(row -> Map.of("night", row.get("night", OffsetDateTime.class), "day", row.get("day", OffsetDateTime.class),
					"lunch", row.get("lunch", OffsetDateTime.class), "never", row.get("never", OffsetDateTime.class),
					"daily", row.get("daily", OffsetDateTime.class), "early", row.get("early", OffsetDateTime.class),
					"weekly", row.get("weekly", OffsetDateTime.class)))
			.one()).block();
		assertThat(times.get("night").toInstant()).as("00:30 in Kigali: held to 07:00").isEqualTo(utc("2026-12-03T05:00"));
		assertThat(times.get("day").toInstant()).as("14:00 in Kigali: not quiet").isEqualTo(utc("2026-12-02T12:00"));
		assertThat(times.get("lunch").toInstant()).isEqualTo(utc("2026-12-02T12:00"));
		assertThat(times.get("never").toInstant()).isEqualTo(utc("2026-12-02T10:30"));
		assertThat(times.get("daily").toInstant()).as("noon: tomorrow at 8").isEqualTo(utc("2026-12-03T06:00"));
		assertThat(times.get("early").toInstant()).as("7 o'clock: today at 8").isEqualTo(utc("2026-12-02T06:00"));
		assertThat(times.get("weekly").toInstant()).as("a Wednesday: Monday at 8").isEqualTo(utc("2026-12-07T06:00"));
	}

	@Test
	void aDailyDigestGathersTheNoticesIntoOneEMail() {
		Company company = company("senegal", "APPROVE");
		MailServer.about(company.email(), "");
		as(company).document("mutation { updateNotificationSettings(input: {email: DAILY, digestHour: 7}) { notificationSettings { email digestHour } userErrors { code } } }")
			.execute().path("updateNotificationSettings.notificationSettings.email").entity(String.class).isEqualTo("DAILY");
		UUID senegal = CurrentTenant.idOfDefinedChamber("senegal");
		record(senegal, company, List.of("Coopérative de Ziguinchor", "Torréfaction de Kigali", "Huilerie d'Agadir"));
		worker.drain().block();
		assertThat(statuses(senegal, company.email())).as("the approval sent, three held for the digest")
			.containsExactlyInAnyOrder("SENT", "HELD", "HELD", "HELD");
		assertThat(MailServer.to(company.email())).hasSize(1);

		transactions.mono(senegal, db -> db.sql("""
				UPDATE notification_delivery SET next_attempt_at = now() - interval '1 minute'
				WHERE tenant_id = :tenant AND address = :address AND status = 'HELD'""")
			.bind("tenant", senegal).bind("address", company.email()).then()).block();
		worker.drain().block();
		worker.drain().block();
		assertThat(MailServer.to(company.email())).as("one digest for the three").hasSize(2);
		MimeMessage digest = MailServer.about(company.email(), "3 nouvelles notifications");
		assertThat(MailServer.text(digest)).contains("Coopérative de Ziguinchor").contains("Torréfaction de Kigali")
			.contains("Huilerie d'Agadir").contains("http://senegal.localhost:8080/notifications");
		assertThat(statuses(senegal, company.email())).containsOnly("SENT");
		as("admin", "senegal").document("{ notificationDeliveries(channel: EMAIL, first: 100) { address status channel } }").execute()
			.path("notificationDeliveries[?(@.address == '" + company.email() + "')].status").entityList(String.class).hasSize(4);
	}

	@Test
	void aNoticeMeantForTheDigestWaitsForItEvenForAUserToldAtOnce() {
		Company company = company("maroc");
		UUID maroc = CurrentTenant.idOfDefinedChamber("maroc");
		UUID member = GlobalId.decode(company.id()).orElseThrow().localId();
		// as a saved search with a DIGEST alert records it
		transactions.mono(maroc, db -> notifications.record(db, maroc, maroc, member, new Notice(Notice.Kind.SAVED_SEARCH_MATCHES,
				Map.of("searchName", "Huile d'argan", "count", "2", "listingTitle", "Huile d'argan bio", "delivery", "DIGEST")), "/saved-searches/x"))
			.block();
		worker.drain().block();
		assertThat(statuses(maroc, company.email())).containsExactly("HELD");
		assertThat(MailServer.to(company.email())).isEmpty();
	}

	@Test
	void quietHoursHoldAnInstantEMailUntilTheyEnd() {
		Company company = company("france");
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		DateTimeFormatter hours = DateTimeFormatter.ofPattern("HH:mm");
		as(company).document("mutation($from: String!, $until: String!) { updateNotificationSettings(input: {timeZone: \"UTC\", "
				+ "quietHours: {from: $from, until: $until}}) { notificationSettings { timeZone quietHours { from until } chamberDefaults } userErrors { code } } }")
			.variable("from", now.minusHours(1).format(hours)).variable("until", now.plusHours(2).format(hours)).execute()
			.path("updateNotificationSettings.notificationSettings.chamberDefaults").entity(Boolean.class).isEqualTo(false);
		UUID france = CurrentTenant.idOfDefinedChamber("france");
		record(france, company, List.of("Fédération des PME"));
		worker.drain().block();
		OffsetDateTime due = transactions.read(france, db -> db.sql("""
				SELECT next_attempt_at FROM notification_delivery WHERE tenant_id = :tenant AND address = :address AND status = 'PENDING'""")
			.bind("tenant", france).bind("address", company.email()).map(row -> row.get("next_attempt_at", OffsetDateTime.class)).one())
			.block();
		assertThat(due).as("held to the end of the quiet hours").isAfter(now.plusMinutes(100));
		assertThat(MailServer.to(company.email())).isEmpty();
	}

	@Test
	void theChambersDefaultsApplyToWhoeverChoseNothing() {
		Company company = company("rwanda");
		as(company).document("mutation { updateChamberNotificationDefaults(input: {email: WEEKLY}) { userErrors { code } } }").execute()
			.errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getExtensions().get("code")).containsExactly("FORBIDDEN"));
		try {
			as("admin", "rwanda").document("""
					mutation { updateChamberNotificationDefaults(input: {email: WEEKLY, quietHours: {from: "21:00", until: "07:00"}, digestWeekday: 5}) {
					  chamberNotificationDefaults { email timeZone quietHours { from until } digestHour digestWeekday } userErrors { code } } }""")
				.execute()
				.path("updateChamberNotificationDefaults.chamberNotificationDefaults.timeZone").entity(String.class).isEqualTo("Africa/Kigali")
				.path("updateChamberNotificationDefaults.chamberNotificationDefaults.quietHours.from").entity(String.class).isEqualTo("21:00");
			as(company).document("{ viewer { notificationSettings { email timeZone quietHours { from until } digestWeekday chamberDefaults } } }")
				.execute()
				.path("viewer.notificationSettings.email").entity(String.class).isEqualTo("WEEKLY")
				.path("viewer.notificationSettings.timeZone").entity(String.class).isEqualTo("Africa/Kigali")
				.path("viewer.notificationSettings.digestWeekday").entity(Integer.class).isEqualTo(5)
				.path("viewer.notificationSettings.chamberDefaults").entity(Boolean.class).isEqualTo(true);
			UUID rwanda = CurrentTenant.idOfDefinedChamber("rwanda");
			record(rwanda, company, List.of("Café de Kigali"));
			worker.drain().block();
			assertThat(statuses(rwanda, company.email())).containsExactly("HELD");
		}
		finally {
			as("admin", "rwanda").document("mutation { updateChamberNotificationDefaults(input: {email: INSTANT, quietHours: {from: \"00:00\", until: \"00:00\"}, digestWeekday: 1}) { userErrors { code } } }")
				.execute().path("updateChamberNotificationDefaults.userErrors").entityList(Object.class).hasSize(0);
		}
	}

	@Test
	void settingsThatCannotBeAreRefusedWithACode() {
		Company company = company("maroc");
		assertThat(refusal(company, "updateNotificationSettings(input: {timeZone: \"Mars/Olympus\"})", "updateNotificationSettings"))
			.isEqualTo("INVALID_TIME_ZONE");
		assertThat(refusal(company, "updateNotificationSettings(input: {quietHours: {from: \"22h\", until: \"7h\"}})", "updateNotificationSettings"))
			.isEqualTo("INVALID_QUIET_HOURS");
		assertThat(refusal(company, "updateNotificationSettings(input: {digestHour: 24})", "updateNotificationSettings"))
			.isEqualTo("INVALID_DIGEST_TIME");
		assertThat(refusal(company, "updateNotificationSettings(input: {sms: INSTANT})", "updateNotificationSettings"))
			.as("texts only to a verified phone").isEqualTo("PHONE_NOT_VERIFIED");
		assertThat(refusal(company, "requestPhoneVerification(input: {phone: \"12\"})", "requestPhoneVerification"))
			.isEqualTo("INVALID_PHONE_NUMBER");
		assertThat(refusal(company, "verifyPhone(input: {code: \"123456\"})", "verifyPhone")).isEqualTo("NO_CODE_REQUESTED");
	}

	@Test
	void textsGoOnlyToAVerifiedPhoneWithConsentAndAtMostTheHourlyCap() throws Exception {
		Company company = company("senegal");
		String phone = "+22177" + (1_000_000 + new java.util.Random().nextInt(8_999_999));
		String national = phone.substring(4, 6) + " " + phone.substring(6, 9) + " " + phone.substring(9);
		as(company).document("mutation($phone: String!) { requestPhoneVerification(input: {phone: $phone}) { phone expiresAt userErrors { code } } }")
			.variable("phone", national).execute()
			.path("requestPhoneVerification.phone").entity(String.class).isEqualTo(phone);
		String code = texts(phone).get(0).get("text").toString().replaceAll("^\\D*(\\d{6}).*$", "$1");
		assertThat(code).matches("\\d{6}");
		String wrong = code.equals("000000") ? "111111" : "000000";
		assertThat(refusal(company, "verifyPhone(input: {code: \"" + wrong + "\"})", "verifyPhone")).isEqualTo("INVALID_CODE");
		as(company).document("mutation($code: String!) { verifyPhone(input: {code: $code}) { notificationSettings { phone } userErrors { code } } }")
			.variable("code", code).execute()
			.path("verifyPhone.notificationSettings.phone").entity(String.class).isEqualTo(phone);

		as(company).document("""
				mutation { updateNotificationSettings(input: {sms: INSTANT}) { notificationSettings {
				  sms channels { channel mode address available consentText consentedAt } } userErrors { code } } }""").execute()
			.path("updateNotificationSettings.notificationSettings.sms").entity(String.class).isEqualTo("INSTANT")
			.path("updateNotificationSettings.notificationSettings.channels[1].consentedAt").hasValue()
			.path("updateNotificationSettings.notificationSettings.channels[1].consentText").entity(String.class)
			.satisfies(text -> assertThat(text).contains(phone).contains("SMS"));
		UUID senegal = CurrentTenant.idOfDefinedChamber("senegal");
		String wording = transactions.read(senegal, db -> db.sql("""
				SELECT wording FROM notification_consent WHERE tenant_id = :tenant AND phone = :phone AND withdrawn_at IS NULL""")
			.bind("tenant", senegal).bind("phone", phone).map(row -> row.get("wording", String.class)).one()).block();
		assertThat(wording).as("the consent recorded with its words").contains(phone);

		decide(company, "APPROVE");
		for (int i = 0; i < 100 && texts(phone).size() < 2; i++) {
			Thread.sleep(100);
		}
		assertThat(texts(phone).get(0).get("text").toString()).contains("http://senegal.localhost:8080/");
		record(senegal, company, List.of("Spam 1", "Spam 2", "Spam 3", "Spam 4", "Spam 5", "Spam 6", "Spam 7", "Spam 8"));
		// the worker woken by the commit may hold some of them while drain runs: wait for what it sends
		for (int i = 0; i < 100 && texts(phone).size() < 6; i++) {
			Thread.sleep(100);
		}
		worker.drain().block();
		assertThat(texts(phone)).as("the code, then 5 an hour: the approval and 4 of the 8").hasSize(6);

		as(company).document("mutation { updateNotificationSettings(input: {sms: OFF}) { notificationSettings { sms } userErrors { code } } }")
			.execute().path("updateNotificationSettings.notificationSettings.sms").entity(String.class).isEqualTo("OFF");
		assertThat(transactions.read(senegal, db -> db.sql("""
				SELECT count(*) AS n FROM notification_consent WHERE tenant_id = :tenant AND phone = :phone AND withdrawn_at IS NULL""")
			.bind("tenant", senegal).bind("phone", phone).map(row -> row.get("n", Long.class)).one()).block())
			.as("the consent withdrawn").isZero();
		as("admin", "senegal").document("{ notificationDeliveries(channel: SMS, first: 100) { address status } }").execute()
			.path("notificationDeliveries[?(@.address == '" + phone + "' && @.status == 'SENT')]").entityList(Object.class).hasSize(5);
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> texts(String phone) {
		// all of them, filtered here: a + in a query reads as a blank
		return api().http().get().uri("/local/texts").exchange()
			.expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody().stream()
			.map(text -> (Map<String, Object>) text).filter(text -> phone.equals(text.get("to"))).toList();
	}

	private String refusal(Company company, String mutation, String field) {
		return as(company).document("mutation { " + mutation + " { userErrors { code } } }").execute()
			.path(field + ".userErrors[0].code").entity(String.class).get();
	}

	/** Contact requests from these companies, recorded as the contact feature records them. */
	private void record(UUID tenant, Company company, List<String> from) {
		UUID member = GlobalId.decode(company.id()).orElseThrow().localId();
		transactions.mono(tenant, db -> Flux.fromIterable(from).concatMap(name -> notifications.record(db, tenant, tenant, member,
				new Notice(Notice.Kind.CONTACT_REQUEST_RECEIVED, Map.of("fromCompany", name, "message", "Bonjour")), "/contact-requests/x"), 0)
			.then()).block();
	}

	private List<String> statuses(UUID tenant, String address) {
		return transactions.readMany(tenant, db -> db.sql("""
				SELECT status FROM notification_delivery WHERE tenant_id = :tenant AND address = :address""")
			.bind("tenant", tenant).bind("address", address).map(row -> row.get("status", String.class)).all())
			.collectList().block();
	}

	private static Instant utc(String local) {
		return Instant.parse(local + ":00Z");
	}

}
