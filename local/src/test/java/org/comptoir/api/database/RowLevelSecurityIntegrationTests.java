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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The second wall: PostgreSQL itself refuses another chamber's rows to the application role. */
@IntegrationTest
class RowLevelSecurityIntegrationTests {

	@Autowired
	Environment environment;

	static final UUID SENEGAL = CurrentTenant.idOfDefinedChamber("senegal");

	static final UUID MAROC = CurrentTenant.idOfDefinedChamber("maroc");

	@Autowired
	LocalPostgres postgres;


	Connection asApplication() throws SQLException {
		return Postgres.asApplication(postgres, environment);
	}

	static void setTenant(Connection connection, UUID tenant) throws SQLException {
		try (PreparedStatement set = connection.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
			set.setString(1, tenant.toString());
			set.execute();
		}
	}

	static int count(Connection connection, String sql, Object... args) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				statement.setObject(i + 1, args[i]);
			}
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getInt(1);
			}
		}
	}

	static void insertMember(Connection connection, UUID tenant, UUID member, String name) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO member (tenant_id, member_id, name, country) VALUES (?, ?, ?, 'MA')")) {
			insert.setObject(1, tenant);
			insert.setObject(2, member);
			insert.setString(3, name);
			insert.executeUpdate();
		}
	}

	@Test
	void applicationRoleOwnsNoTableAndCannotBypassRowLevelSecurity() throws SQLException {
		try (Connection app = asApplication()) {
			assertThat(count(app, "SELECT count(*) FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)")).isZero();
			assertThat(count(app, "SELECT count(*) FROM pg_tables WHERE tableowner = current_user")).isZero();
		}
	}

	@Test
	void everyTenantTableHasRowLevelSecurityEnabledAndForced() throws SQLException {
		try (Connection app = asApplication(); PreparedStatement statement = app.prepareStatement("""
				SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
				WHERE c.relkind IN ('r', 'p') AND c.relnamespace = 'public'::regnamespace
				  AND NOT (c.relrowsecurity AND c.relforcerowsecurity)""")) {
			List<String> unprotected = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					unprotected.add(rs.getString(1));
				}
			}
			assertThat(unprotected).isEmpty();
			assertThat(count(app, """
					SELECT count(*) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
					WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace""")).isGreaterThanOrEqualTo(5);
		}
	}

	/** Rows of a chamber that every chamber may read: active companies with a published network listing, and those listings. */
	static final String NETWORK_MEMBERS = """
			SELECT count(*) FROM member m WHERE m.tenant_id = ? AND m.status = 'ACTIVE' AND EXISTS (
			  SELECT 1 FROM listing l WHERE l.tenant_id = m.tenant_id AND l.member_id = m.member_id
			  AND l.visibility = 'NETWORK' AND l.status = 'PUBLISHED')""";

	Connection asOwner() throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl(), postgres.superUser(), postgres.superPassword());
	}

	@Test
	void chamberSeesNoneOfAnotherChambersPrivateRowsAndCannotWriteThem() throws SQLException {
		int moroccanNetworkMembers;
		int moroccanChamberListings;
		try (Connection owner = asOwner()) {
			moroccanNetworkMembers = count(owner, NETWORK_MEMBERS, MAROC);
			moroccanChamberListings = count(owner, "SELECT count(*) FROM listing WHERE tenant_id = ? AND visibility = 'CHAMBER'", MAROC);
		}
		assertThat(moroccanChamberListings).isPositive();
		UUID moroccan = UUID.randomUUID();
		try (Connection app = asApplication()) {
			app.setAutoCommit(false);
			setTenant(app, MAROC);
			insertMember(app, MAROC, moroccan, "Argan Souss RLS");
			app.commit();
			try {
				setTenant(app, SENEGAL);
				// only the network's public part of Morocco: no private company, no CHAMBER listing, no staff, no review
				assertThat(count(app, "SELECT count(*) FROM member WHERE tenant_id = ?", MAROC)).isEqualTo(moroccanNetworkMembers);
				assertThat(count(app, "SELECT count(*) FROM member WHERE member_id = ?", moroccan)).isZero();
				assertThat(count(app, "SELECT count(*) FROM listing WHERE tenant_id = ? AND visibility = 'CHAMBER'", MAROC)).isZero();
				assertThat(count(app, "SELECT count(*) FROM listing WHERE tenant_id = ? AND status <> 'PUBLISHED'", MAROC)).isZero();
				assertThat(count(app, "SELECT count(*) FROM member_user WHERE tenant_id = ?", MAROC)).isZero();
				assertThat(count(app, "SELECT count(*) FROM member_review WHERE tenant_id = ?", MAROC)).isZero();
				assertThatThrownBy(() -> insertMember(app, MAROC, UUID.randomUUID(), "Intrus SARL"))
					.isInstanceOf(SQLException.class)
					.hasMessageContaining("row-level security");
				app.rollback();

				setTenant(app, SENEGAL);
				try (PreparedStatement update = app.prepareStatement("UPDATE member SET name = 'pwned' WHERE tenant_id = ?")) {
					update.setObject(1, MAROC);
					assertThat(update.executeUpdate()).isZero();
				}
				try (PreparedStatement update = app.prepareStatement("UPDATE listing SET status = 'CLOSED' WHERE tenant_id = ?")) {
					update.setObject(1, MAROC);
					assertThat(update.executeUpdate()).isZero();
				}
				app.rollback();

				setTenant(app, MAROC);
				assertThat(count(app, "SELECT count(*) FROM member WHERE member_id = ? AND name = 'Argan Souss RLS'", moroccan)).isOne();
				app.rollback();
			}
			finally {
				// the application deletes no company (V17): the owner cleans up
				try (Connection owner = asOwner();
						PreparedStatement delete = owner.prepareStatement("DELETE FROM member WHERE tenant_id = ? AND member_id = ?")) {
					delete.setObject(1, MAROC);
					delete.setObject(2, moroccan);
					delete.executeUpdate();
				}
			}
		}
	}

	@Test
	void withoutAChamberSetOnlyTheNetworksPublicRowsAreReadableAndTheSettingEndsWithItsTransaction() throws SQLException {
		int networkMembers;
		try (Connection owner = asOwner()) {
			networkMembers = count(owner, NETWORK_MEMBERS.replace("m.tenant_id = ? AND ", "m.tenant_id IS NOT NULL AND "));
		}
		try (Connection app = asApplication()) {
			app.setAutoCommit(false);
			setTenant(app, MAROC);
			assertThat(count(app, "SELECT count(*) FROM tenant")).isGreaterThanOrEqualTo(4);
			assertThat(count(app, "SELECT count(*) FROM member_user")).isPositive();
			app.commit();
			// same connection, next transaction: no chamber any more
			assertThat(count(app, "SELECT count(*) FROM member_user")).isZero();
			assertThat(count(app, "SELECT count(*) FROM member_review")).isZero();
			assertThat(count(app, "SELECT count(*) FROM member")).isEqualTo(networkMembers);
			assertThat(count(app, "SELECT count(*) FROM listing WHERE visibility = 'CHAMBER' OR status <> 'PUBLISHED'")).isZero();
			try (PreparedStatement statement = app.prepareStatement("SELECT coalesce(current_setting('app.tenant_id', true), '')");
					ResultSet rs = statement.executeQuery()) {
				rs.next();
				assertThat(rs.getString(1)).isEmpty();
			}
			app.rollback();
		}
	}

}
