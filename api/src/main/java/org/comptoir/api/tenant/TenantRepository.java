package org.comptoir.api.tenant;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.tenants.Chamber;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The chambers table; the administration feature writes through it (opening chambers, branding). */
@Repository
public class TenantRepository {

	static final String COLUMNS = """
			tenant_id, slug, name, kind, country, default_locale, locales, currency, display_name, logo_url,
			primary_color, accent_color, custom_domain, free_listing_quota, version""";

	private final TenantTransactions transactions;

	TenantRepository(TenantTransactions transactions) {
		this.transactions = transactions;
	}

	/** Every chamber: public information, readable without a chamber set. */
	Flux<Tenant> findAll() {
		return transactions.shared().sql("SELECT " + COLUMNS + " FROM tenant ORDER BY slug").map(TenantRepository::map).all();
	}

	/**
	 * Inserts a chamber from its definition file, or updates it when the file changed and no admin has
	 * edited the chamber through the API since. Returns what happened: INSERTED, UPDATED or KEPT.
	 */
	Mono<String> upsertDefinition(UUID tenantId, Chamber chamber, String sha256) {
		Chamber.Branding b = chamber.branding();
		return transactions.mono(tenantId, db -> {
			DatabaseClient.GenericExecuteSpec spec = db.sql("""
					INSERT INTO tenant (tenant_id, slug, name, kind, country, default_locale, locales, currency,
					                    display_name, logo_url, primary_color, accent_color, custom_domain, definition_sha256)
					VALUES (:id, :slug, :name, :kind, :country, :defaultLocale, :locales, :currency,
					        :displayName, :logoUrl, :primaryColor, :accentColor, :customDomain, :sha)
					ON CONFLICT (tenant_id) DO UPDATE SET
					  name = excluded.name, kind = excluded.kind, country = excluded.country,
					  default_locale = excluded.default_locale, locales = excluded.locales, currency = excluded.currency,
					  display_name = excluded.display_name, logo_url = excluded.logo_url,
					  primary_color = excluded.primary_color, accent_color = excluded.accent_color,
					  custom_domain = excluded.custom_domain, definition_sha256 = excluded.definition_sha256,
					  version = tenant.version + 1
					WHERE tenant.edited_at IS NULL AND tenant.definition_sha256 IS DISTINCT FROM excluded.definition_sha256
					RETURNING (xmax = 0) AS inserted""")
				.bind("id", tenantId)
				.bind("slug", chamber.slug())
				.bind("name", chamber.name())
				.bind("kind", chamber.kind())
				.bind("country", chamber.country())
				.bind("defaultLocale", chamber.defaultLocale())
				.bind("locales", chamber.locales().toArray(String[]::new))
				.bind("currency", chamber.currency())
				.bind("displayName", b.displayName())
				.bind("primaryColor", b.primaryColor())
				.bind("accentColor", b.accentColor())
				.bind("sha", sha256);
			spec = bindNullable(bindNullable(spec, "logoUrl", b.logoUrl()), "customDomain", b.customDomain());
			return spec.map(row -> Boolean.TRUE.equals(row.get("inserted", Boolean.class)) ? "INSERTED" : "UPDATED")
				.first()
				.defaultIfEmpty("KEPT");
		});
	}

	static DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name, String value) {
		return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
	}

	static Tenant map(Readable row) {
		String[] locales = row.get("locales", String[].class);
		return new Tenant(row.get("tenant_id", UUID.class), row.get("slug", String.class), row.get("name", String.class),
				TenantKind.valueOf(row.get("kind", String.class)), row.get("country", String.class), row.get("default_locale", String.class),
				locales == null ? List.of() : Arrays.asList(locales), row.get("currency", String.class),
				new Tenant.Branding(row.get("tenant_id", UUID.class), row.get("display_name", String.class), row.get("logo_url", String.class),
						row.get("primary_color", String.class), row.get("accent_color", String.class),
						row.get("custom_domain", String.class)),
				row.get("free_listing_quota", Integer.class), row.get("version", Integer.class));
	}


	/** A chamber opened at runtime; false when its slug is taken meanwhile. */
	public Mono<Boolean> insert(Tenant tenant) {
		Tenant.Branding b = tenant.branding();
		return transactions.mono(tenant.tenantId(), db -> db.sql("""
				INSERT INTO tenant (tenant_id, slug, name, kind, country, default_locale, locales, currency,
				                    display_name, primary_color, accent_color, edited_at)
				VALUES (:id, :slug, :name, :kind, :country, :defaultLocale, :locales, :currency,
				        :displayName, :primaryColor, :accentColor, now())
				ON CONFLICT DO NOTHING""")
			.bind("id", tenant.tenantId())
			.bind("slug", tenant.slug())
			.bind("name", tenant.name())
			.bind("kind", tenant.kind().name())
			.bind("country", tenant.country())
			.bind("defaultLocale", tenant.defaultLocale())
			.bind("locales", tenant.locales().toArray(String[]::new))
			.bind("currency", tenant.currency())
			.bind("displayName", b.displayName())
			.bind("primaryColor", b.primaryColor())
			.bind("accentColor", b.accentColor())
			.fetch()
			.rowsUpdated()
			.map(rows -> rows == 1));
	}

	/**
	 * A change of the custom domain asked for through the API: a domain and the token that proves it
	 * (it waits for verifyCustomDomain, see {@link CustomDomains}), or {@link #NONE} for no domain.
	 */
	public record DomainRequest(String domain, String token) {

		public static final DomainRequest NONE = new DomainRequest(null, null);
	}

	/** New branding, if the chamber is still at the version read; marks the chamber as edited through the API. */
	public Mono<Boolean> updateBranding(UUID tenantId, int expectedVersion, Tenant.Branding branding) {
		return updateBranding(tenantId, expectedVersion, branding, null);
	}

	/** The same, with a new custom domain request (null: the request stays as it is). */
	public Mono<Boolean> updateBranding(UUID tenantId, int expectedVersion, Tenant.Branding branding, DomainRequest request) {
		return transactions.mono(tenantId, db -> {
			DatabaseClient.GenericExecuteSpec spec = db.sql("""
					UPDATE tenant SET display_name = :displayName, logo_url = :logoUrl, primary_color = :primaryColor,
					  accent_color = :accentColor, custom_domain = :customDomain,
					  custom_domain_requested = CASE WHEN :newRequest THEN :requested ELSE custom_domain_requested END,
					  custom_domain_token = CASE WHEN :newRequest THEN :token ELSE custom_domain_token END,
					  custom_domain_verified_at = CASE WHEN :newRequest THEN NULL ELSE custom_domain_verified_at END,
					  edited_at = now(), version = version + 1
					WHERE tenant_id = :id AND version = :version""")
				.bind("id", tenantId)
				.bind("version", expectedVersion)
				.bind("displayName", branding.displayName())
				.bind("primaryColor", branding.primaryColor())
				.bind("accentColor", branding.accentColor())
				.bind("newRequest", request != null);
			spec = bindNullable(spec, "requested", request == null ? null : request.domain());
			spec = bindNullable(spec, "token", request == null ? null : request.token());
			return bindNullable(bindNullable(spec, "logoUrl", branding.logoUrl()), "customDomain", branding.customDomain())
				.fetch()
				.rowsUpdated()
				.map(rows -> rows == 1);
		});
	}

	/** The custom domain asked for through the API and its proof; empty when none was. */
	Mono<CustomDomains.Verification> domainVerification(UUID tenantId) {
		return transactions.mono(tenantId, db -> db.sql("""
				SELECT custom_domain_requested, custom_domain_token, custom_domain_verified_at FROM tenant
				WHERE tenant_id = :id AND custom_domain_requested IS NOT NULL""")
			.bind("id", tenantId)
			.map(row -> CustomDomains.Verification.of(row.get("custom_domain_requested", String.class),
					row.get("custom_domain_token", String.class), row.get("custom_domain_verified_at", OffsetDateTime.class)))
			.one());
	}

	/**
	 * Serves the requested domain, once proved; false when another was requested meanwhile. Fails
	 * (unique custom_domain) when another chamber serves it.
	 */
	Mono<Boolean> serveRequestedDomain(UUID tenantId, String domain) {
		return transactions.mono(tenantId, db -> db.sql("""
				UPDATE tenant SET custom_domain = custom_domain_requested, custom_domain_verified_at = now(),
				  edited_at = now(), version = version + 1
				WHERE tenant_id = :id AND custom_domain_requested = :domain""")
			.bind("id", tenantId)
			.bind("domain", domain)
			.fetch()
			.rowsUpdated()
			.map(rows -> rows == 1));
	}

	public Mono<Boolean> domainTaken(UUID tenantId, String domain) {
		return transactions.shared().sql("SELECT count(*) AS n FROM tenant WHERE custom_domain = :domain AND tenant_id <> :id")
			.bind("domain", domain)
			.bind("id", tenantId)
			.map(row -> row.get("n", Long.class) > 0)
			.one();
	}

}
