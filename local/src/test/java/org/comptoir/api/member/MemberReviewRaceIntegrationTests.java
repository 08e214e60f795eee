package org.comptoir.api.member;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.comptoir.local.LocalPostgres;
import org.comptoir.api.graphql.GlobalId;
import org.comptoir.api.support.FreshCompanies;
import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.Postgres;
import org.comptoir.keycloak.RealmTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A decision on a member that loses the race is a CONFLICT, and no admin decides on a company they act for. */
@IntegrationTest
class MemberReviewRaceIntegrationTests extends FreshCompanies {

	private static final String SET_TIER = """
			mutation($input: SetMemberTierInput!) { setMemberTier(input: $input) { member { tier } userErrors { code } } }""";

	@Autowired
	LocalPostgres server;

	@Test
	void aReviewThatLosesTheRaceIsAConflictNotASuccess() throws Exception {
		Company company = company("senegal", "APPROVE");
		UUID memberId = GlobalId.decode(company.id()).orElseThrow().localId();
		Postgres postgres = new Postgres(server);
		try (Connection other = postgres.connect()) {
			other.setAutoCommit(false);
			// another admin's decision holds the row while ours is on its way
			try (PreparedStatement lock = other.prepareStatement("SELECT 1 FROM member WHERE member_id = ? FOR UPDATE")) {
				lock.setObject(1, memberId);
				lock.executeQuery().close();
			}
			CompletableFuture<Map> ours = CompletableFuture.supplyAsync(() -> as("admin", "senegal").documentName("ReviewMember")
				.variable("input", Map.of("memberId", company.id(), "decision", "SUSPEND")).execute()
				.path("reviewMember").entity(Map.class).get());
			await().atMost(Duration.ofSeconds(20)).until(() -> postgres.count("""
					SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE member SET status%'""") > 0);
			try (PreparedStatement first = other.prepareStatement(
					"UPDATE member SET status = 'SUSPENDED', version = version + 1 WHERE member_id = ?")) {
				first.setObject(1, memberId);
				first.executeUpdate();
			}
			other.commit();
			Map<?, ?> payload = ours.get();
			assertThat(payload.get("member")).isNull();
			assertThat(payload.get("userErrors")).asString().contains("CONFLICT");
		}
		// and nothing was logged for the lost decision
		assertThat(new Postgres(server).count("SELECT count(*) FROM member_review WHERE member_id = ? AND decision = 'SUSPEND'", memberId))
			.isZero();
	}

	@Test
	void anAdminDoesNotSetTheTierOfACompanyTheyActFor() {
		Company adminWithCompany = register(user("senegal", RealmTemplate.CHAMBER_ADMIN, RealmTemplate.MEMBER), "APPROVE");
		as(adminWithCompany).document(SET_TIER).variable("input", Map.of("memberId", adminWithCompany.id(), "tier", "PREMIUM")).execute()
			.errors().satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
		as("admin", "senegal").documentName("MemberProfile").variable("id", adminWithCompany.id()).execute()
			.path("member.tier").entity(String.class).isEqualTo("FREE");
	}

}
