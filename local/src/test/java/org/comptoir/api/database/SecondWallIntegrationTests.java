package org.comptoir.api.database;

import org.comptoir.local.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.comptoir.api.support.IntegrationTest;
import org.comptoir.api.support.Postgres;
import org.comptoir.tenants.CurrentTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The second wall narrowed to what the API writes: in a conversation between two chambers each side
 * writes only its own rows, the grants are the statements the repositories issue, and no function
 * depends on the caller's search_path.
 */
@IntegrationTest
class SecondWallIntegrationTests {

	@Autowired
	Environment environment;

	static final UUID SENEGAL = CurrentTenant.idOfDefinedChamber("senegal");

	static final UUID MAROC = CurrentTenant.idOfDefinedChamber("maroc");

	@Autowired
	LocalPostgres postgres;


	/** A senegalese company's request to a moroccan one, accepted: the conversation lives in Senegal's partition. */
	UUID senegalese;

	UUID moroccan;

	UUID request;

	UUID conversation;

	@BeforeEach
	void conversationBetweenTwoChambers() throws SQLException {
		senegalese = UUID.randomUUID();
		moroccan = UUID.randomUUID();
		request = UUID.randomUUID();
		conversation = UUID.randomUUID();
		try (Connection owner = DriverManager.getConnection(postgres.jdbcUrl(), postgres.superUser(), postgres.superPassword())) {
			execute(owner, "INSERT INTO member (tenant_id, member_id, name, country) VALUES (?, ?, 'Teranga Wall SARL', 'SN')", SENEGAL, senegalese);
			execute(owner, "INSERT INTO member (tenant_id, member_id, name, country) VALUES (?, ?, 'Atlas Wall SARL', 'MA')", MAROC, moroccan);
			for (UUID[] copy : new UUID[][] { { SENEGAL, MAROC }, { MAROC, SENEGAL } }) {
				execute(owner, """
						INSERT INTO contact_request (tenant_id, contact_request_id, peer_tenant_id, from_tenant_id, from_member_id,
						  from_user_id, to_tenant_id, to_member_id, message, status, responded_at, conversation_id)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Bonjour', 'ACCEPTED', now(), ?)""",
						copy[0], request, copy[1], SENEGAL, senegalese, UUID.randomUUID(), MAROC, moroccan, conversation);
			}
			execute(owner, """
					INSERT INTO conversation (tenant_id, conversation_id, peer_tenant_id, contact_request_id, member_id, peer_member_id, last_seq)
					VALUES (?, ?, ?, ?, ?, ?, 1)""", SENEGAL, conversation, MAROC, request, senegalese, moroccan);
			execute(owner, """
					INSERT INTO message (tenant_id, message_id, conversation_id, peer_tenant_id, seq, author_tenant_id,
					  author_member_id, author_user_id, body) VALUES (?, ?, ?, ?, 1, ?, ?, ?, 'Bienvenue')""",
					SENEGAL, UUID.randomUUID(), conversation, MAROC, SENEGAL, senegalese, UUID.randomUUID());
		}
	}

	/** Gone again: a contact makes the two companies visible to each other's chamber, which other tests count. */
	@AfterEach
	void removeTheConversation() throws SQLException {
		try (Connection owner = DriverManager.getConnection(postgres.jdbcUrl(), postgres.superUser(), postgres.superPassword())) {
			execute(owner, "DELETE FROM message WHERE conversation_id = ?", conversation);
			execute(owner, "DELETE FROM conversation WHERE conversation_id = ?", conversation);
			execute(owner, "DELETE FROM contact_request WHERE contact_request_id = ?", request);
			execute(owner, "DELETE FROM member WHERE member_id IN (?, ?)", senegalese, moroccan);
		}
	}

	@Test
	void aPeerChamberCannotWriteTheOtherSidesMessages() throws SQLException {
		try (Connection app = asApplication(MAROC)) {
			// Morocco's own message in Senegal's partition: the path the API takes
			assertThat(insertMessage(app, 2, MAROC, moroccan)).isEqualTo(1);
			// a message in Senegal's name
			assertThatThrownBy(() -> insertMessage(app, 3, SENEGAL, senegalese)).hasMessageContaining("row-level security");
		}
		try (Connection app = asApplication(MAROC)) {
			assertThatThrownBy(() -> execute(app, "UPDATE message SET body = 'Rien' WHERE tenant_id = ? AND conversation_id = ?",
					SENEGAL, conversation)).hasMessageContaining("permission denied");
		}
	}

	@Test
	void onlyTheRequesterSendsARequestAndOnlyTheReceiverAnswersIt() throws SQLException {
		try (Connection app = asApplication(MAROC)) {
			// a request "from Senegal" written by Morocco
			assertThatThrownBy(() -> execute(app, """
					INSERT INTO contact_request (tenant_id, contact_request_id, peer_tenant_id, from_tenant_id, from_member_id,
					  from_user_id, to_tenant_id, to_member_id, message)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Forged')""",
					MAROC, UUID.randomUUID(), SENEGAL, SENEGAL, senegalese, UUID.randomUUID(), MAROC, moroccan))
				.hasMessageContaining("row-level security");
		}
		try (Connection app = asApplication(SENEGAL)) {
			// the requester cannot answer its own request, on either copy
			assertThat(execute(app, "UPDATE contact_request SET response = 'Oui' WHERE contact_request_id = ?", request)).isZero();
			// nor open the conversation in the receiver's place
			assertThatThrownBy(() -> execute(app, """
					INSERT INTO conversation (tenant_id, conversation_id, peer_tenant_id, contact_request_id, member_id, peer_member_id)
					VALUES (?, ?, ?, ?, ?, ?)""", SENEGAL, UUID.randomUUID(), MAROC, request, senegalese, moroccan))
				.hasMessageContaining("row-level security");
		}
		try (Connection app = asApplication(MAROC)) {
			assertThat(execute(app, "UPDATE contact_request SET response = 'Oui' WHERE contact_request_id = ?", request)).isEqualTo(2);
			assertThatThrownBy(() -> execute(app, "UPDATE contact_request SET message = 'Changed' WHERE contact_request_id = ?", request))
				.hasMessageContaining("permission denied");
		}
	}

	@Test
	void companiesCannotBeDeletedByTheApplication() throws SQLException {
		for (String table : List.of("member", "member_user", "member_registration", "member_sector")) {
			try (Connection app = asApplication(MAROC)) {
				assertThatThrownBy(() -> execute(app, "DELETE FROM " + table + " WHERE member_id = ?", moroccan))
					.as(table).hasMessageContaining("permission denied");
			}
		}
	}

	@Test
	void likeIsNotLeakproofAndFullTextMatchStaysSo() throws SQLException {
		try (Connection app = asApplication(MAROC)) {
			assertThat(string(app, "SELECT proleakproof::text FROM pg_proc WHERE oid = 'textlike(text,text)'::regprocedure")).isEqualTo("false");
			assertThat(string(app, "SELECT proleakproof::text FROM pg_proc WHERE oid = 'ts_match_vq(tsvector,tsquery)'::regprocedure")).isEqualTo("true");
		}
	}

	@Test
	void everyFunctionOfTheSchemaBindsItsNamesOnce() throws SQLException {
		try (Connection app = asApplication(MAROC); PreparedStatement statement = app.prepareStatement("""
				SELECT p.proname FROM pg_proc p
				WHERE p.pronamespace = current_schema()::regnamespace
				  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
				  AND p.prosqlbody IS NULL
				  AND NOT coalesce(EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search\\_path=%'), false)
				ORDER BY 1""")) {
			List<String> unbound = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					unbound.add(rows.getString(1));
				}
			}
			assertThat(unbound).isEmpty();
			// and the chamber setting is still inlined into the policies (a SET clause would prevent it)
			assertThat(string(app, "EXPLAIN (VERBOSE, COSTS OFF) SELECT 1 FROM tenant WHERE tenant_id = app_tenant_id()"))
				.contains("current_setting");
		}
	}

	private Connection asApplication(UUID tenant) throws SQLException {
		Connection app = Postgres.asApplication(postgres, environment);
		app.setAutoCommit(false);
		execute(app, "SELECT set_config('app.tenant_id', ?, true)", tenant.toString());
		return app;
	}

	private int insertMessage(Connection app, int seq, UUID authorTenant, UUID authorMember) throws SQLException {
		return execute(app, """
				INSERT INTO message (tenant_id, message_id, conversation_id, peer_tenant_id, seq, author_tenant_id,
				  author_member_id, author_user_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Bonjour')""",
				SENEGAL, UUID.randomUUID(), conversation, MAROC, seq, authorTenant, authorMember, UUID.randomUUID());
	}

	private static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			if (statement.execute()) {
				return 0;
			}
			return statement.getUpdateCount();
		}
	}

	private static String string(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
			StringBuilder text = new StringBuilder();
			while (rows.next()) {
				text.append(rows.getString(1)).append('\n');
			}
			return text.toString().strip();
		}
	}

}
