package org.comptoir.local.generator;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a network-sized database with COPY: chambers (the demo ones plus generated ones), companies
 * and listings with realistic French and English text, skewed sizes (a few large chambers, many small,
 * Zipf-like). Then computes search documents set-wise and rebuilds the search indexes once.
 * Needs the owner's connection as a superuser (or BYPASSRLS): the tables force row-level security.
 */
public final class DataGenerator {

	/** How big: e.g. 60 chambers, 100,000 companies, 1,000,000 listings. */
	public record Size(int chambers, int members, int listings, long seed) {
	}

	private static final Logger log = LoggerFactory.getLogger(DataGenerator.class);

	private static final String[] COUNTRIES = { "SN", "MA", "RW", "FR", "CI", "CM", "BF", "ML", "BJ", "TG", "NE", "GN",
			"TN", "DZ", "MG", "CD", "CG", "GA", "BE", "CH", "LU", "CA", "HT", "DJ", "KM", "MR", "TD", "CF", "BI", "SC" };

	private static final String[] CURRENCIES = { "XOF", "MAD", "RWF", "EUR", "XOF", "XAF", "XOF", "XOF", "XOF", "XOF", "XOF",
			"GNF", "TND", "DZD", "MGA", "CDF", "XAF", "XAF", "EUR", "CHF", "EUR", "CAD", "HTG", "DJF", "KMF", "MRU", "XAF",
			"XAF", "BIF", "SCR" };

	private final Connection connection;

	private final Random random;

	private final Size size;

	public DataGenerator(Connection connection, Size size) {
		this.connection = connection;
		this.size = size;
		this.random = new Random(size.seed());
	}

	public void run() throws SQLException, IOException {
		long started = System.nanoTime();
		CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
		List<UUID> tenants = chambers(copy);
		List<UUID[]> members = members(copy, tenants);
		List<String> indexes = dropListingIndexes();
		// the response cache's triggers (V18) would keep every loaded row in transition tables: off for the
		// load, then one notification that ends every cached answer
		publicChangeTriggers("DISABLE");
		try {
			listings(copy, members);
			searchDocuments();
		}
		finally {
			publicChangeTriggers("ENABLE");
		}
		buildIndexes(indexes);
		try (Statement statement = connection.createStatement()) {
			statement.execute("ANALYZE");
		}
		log.info("Generated {} chambers, {} companies, {} listings in {} s", tenants.size(), members.size(), size.listings(),
				Duration.ofNanos(System.nanoTime() - started).toSeconds());
	}

	/** The chambers already there (the demo ones, largest first) and generated ones, {@code chamber-05} … */
	private List<UUID> chambers(CopyManager copy) throws SQLException, IOException {
		List<UUID> tenants = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				java.sql.ResultSet rs = statement.executeQuery("SELECT tenant_id FROM tenant ORDER BY created_at, slug")) {
			while (rs.next()) {
				tenants.add(rs.getObject(1, UUID.class));
			}
		}
		StringBuilder rows = new StringBuilder();
		for (int i = tenants.size() + 1; i <= size.chambers(); i++) {
			UUID id = UUID.nameUUIDFromBytes(("comptoir-generated-chamber:" + i).getBytes());
			tenants.add(id);
			int c = i % COUNTRIES.length;
			rows.append(id).append('\t').append(String.format("chamber-%02d", i)).append('\t')
				.append("Chambre de commerce n° ").append(i).append('\t').append(i % 3 == 0 ? "BUSINESS_ASSOCIATION" : "CHAMBER_OF_COMMERCE")
				.append('\t').append(COUNTRIES[c]).append("\tfr\t{fr,en}\t").append(CURRENCIES[c]).append('\t')
				.append("Comptoir ").append(i).append("\t#1F4E79\t#F2A900\n");
		}
		copy.copyIn("COPY tenant (tenant_id, slug, name, kind, country, default_locale, locales, currency, display_name, "
				+ "primary_color, accent_color) FROM STDIN", new StringReader(rows.toString()));
		return tenants;
	}

	/** Chamber of rank r gets a share ∝ 1/r^1.1: Dakar, Casablanca and a few others are large, most are small. */
	private int skewedChamber(int chambers) {
		double[] weights = new double[chambers];
		double total = 0;
		for (int r = 0; r < chambers; r++) {
			total += 1 / Math.pow(r + 1, 1.1);
			weights[r] = total;
		}
		double x = random.nextDouble() * total;
		for (int r = 0; r < chambers; r++) {
			if (x <= weights[r]) {
				return r;
			}
		}
		return chambers - 1;
	}

	private List<UUID[]> members(CopyManager copy, List<UUID> tenants) throws SQLException, IOException {
		List<UUID[]> members = new ArrayList<>(size.members());
		StringBuilder rows = new StringBuilder();
		StringBuilder sectors = new StringBuilder();
		for (int i = 0; i < size.members(); i++) {
			UUID tenant = tenants.get(skewedChamber(tenants.size()));
			UUID id = UUID.randomUUID();
			members.add(new UUID[] { tenant, id });
			Vocabulary.Product product = Vocabulary.pick(Vocabulary.PRODUCTS, random);
			String name = Vocabulary.pick(Vocabulary.COMPANY_WORDS, random) + " " + product.fr().split(" ")[0] + " "
					+ Vocabulary.pick(Vocabulary.REGIONS, random) + " " + (i % 997);
			boolean active = random.nextInt(100) < 92;
			rows.append(tenant).append('\t').append(id).append('\t').append(name).append('\t')
				.append(active ? "ACTIVE" : "PENDING").append('\t').append(random.nextInt(10) == 0 ? "PREMIUM" : "FREE").append('\t')
				.append(random.nextBoolean() ? 't' : 'f').append('\t').append(COUNTRIES[random.nextInt(COUNTRIES.length)]).append('\t')
				.append("{\"fr\": \"Producteur et exportateur de ").append(product.fr().toLowerCase()).append(".\"}").append('\n');
			sectors.append(tenant).append('\t').append(id).append('\t').append(product.hsCode(), 0, 4).append('\n');
			if (rows.length() > 8_000_000) {
				flushMembers(copy, rows, sectors);
			}
		}
		flushMembers(copy, rows, sectors);
		log.info("Generated {} companies", members.size());
		return members;
	}

	private static void flushMembers(CopyManager copy, StringBuilder rows, StringBuilder sectors) throws SQLException, IOException {
		copy.copyIn("COPY member (tenant_id, member_id, name, status, tier, verified, country, descriptions) FROM STDIN",
				new StringReader(rows.toString()));
		copy.copyIn("COPY member_sector (tenant_id, member_id, hs_code) FROM STDIN", new StringReader(sectors.toString()));
		rows.setLength(0);
		sectors.setLength(0);
	}

	/**
	 * Drops the listing table's secondary indexes (all but the constraints' own) and returns their
	 * definitions, as the migrations made them: one build of each at the end is much faster than a
	 * million rows written, then a million search documents updated, through every index.
	 */
	private List<String> dropListingIndexes() throws SQLException {
		List<String> names = new ArrayList<>();
		List<String> definitions = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet indexes = statement.executeQuery("""
						SELECT i.indexname, i.indexdef FROM pg_indexes i
						WHERE i.schemaname = current_schema() AND i.tablename = 'listing'
						  AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.indexname)))""")) {
			while (indexes.next()) {
				names.add(indexes.getString(1));
				definitions.add(indexes.getString(2));
			}
		}
		try (Statement statement = connection.createStatement()) {
			for (String name : names) {
				statement.execute("DROP INDEX " + name);
			}
		}
		return definitions;
	}

	private void buildIndexes(List<String> definitions) throws SQLException {
		log.info("Building the listing indexes ({})", definitions.size());
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET maintenance_work_mem = '512MB'");
			for (String definition : definitions) {
				statement.execute(definition);
			}
			statement.execute("RESET maintenance_work_mem");
		}
	}

	private void listings(CopyManager copy, List<UUID[]> members) throws SQLException, IOException {
		StringBuilder rows = new StringBuilder();
		StringBuilder translations = new StringBuilder();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		String[] kinds = { "OFFER", "OFFER", "OFFER", "REQUEST" };
		String[] incoterms = { "FOB", "CIF", "EXW", "FCA", "DAP", "CFR" };
		for (int i = 0; i < size.listings(); i++) {
			// companies of skewed activity: a few publish a lot
			UUID[] member = members.get((int) (Math.pow(random.nextDouble(), 2.2) * members.size()));
			UUID id = UUID.randomUUID();
			Vocabulary.Product product = Vocabulary.pick(Vocabulary.PRODUCTS, random);
			String[] qualifier = Vocabulary.pick(Vocabulary.QUALIFIERS, random);
			String region = Vocabulary.pick(Vocabulary.REGIONS, random);
			String kind = kinds[random.nextInt(kinds.length)];
			int status = random.nextInt(100);
			String statusName = status < 88 ? "PUBLISHED" : status < 94 ? "CLOSED" : status < 97 ? "DRAFT" : "EXPIRED";
			OffsetDateTime published = now.minusMinutes(random.nextInt(60 * 24 * 365));
			rows.append(member[0]).append('\t').append(id).append('\t').append(member[1]).append('\t').append(kind).append('\t')
				.append(statusName).append('\t').append(random.nextInt(100) < 40 ? "NETWORK" : "CHAMBER").append("\tfr\t")
				.append(product.hsCode()).append('\t').append(1 + random.nextInt(500)).append('\t').append(product.unit()).append('\t');
			if (random.nextInt(100) < 70) {
				rows.append(100 + random.nextInt(5000)).append(".00\tUSD\t");
			}
			else {
				rows.append("\\N\t\\N\t");
			}
			rows.append(incoterms[random.nextInt(incoterms.length)]).append('\t').append(COUNTRIES[random.nextInt(8)]).append('\t')
				.append("DRAFT".equals(statusName) ? "\\N" : published.toString()).append('\n');
			String verbFr = "OFFER".equals(kind) ? "" : "Recherche ";
			String verbEn = "OFFER".equals(kind) ? "" : "Looking for ";
			translations.append(member[0]).append('\t').append(id).append("\tfr\t").append(verbFr).append(product.fr()).append(' ')
				.append(qualifier[0]).append(" – ").append(region).append('\t').append("Lot de ").append(product.fr().toLowerCase())
				.append(", ").append(qualifier[0]).append(", disponible depuis ").append(region).append(". Livraison selon Incoterms 2020.\n");
			if (random.nextInt(100) < 35) {
				translations.append(member[0]).append('\t').append(id).append("\ten\t").append(verbEn).append(product.en()).append(' ')
					.append(qualifier[1]).append(" – ").append(region).append('\t').append("Lot of ").append(product.en().toLowerCase())
					.append(", ").append(qualifier[1]).append(", shipped from ").append(region).append(".\n");
			}
			if (rows.length() > 8_000_000) {
				flushListings(copy, rows, translations);
			}
			if ((i + 1) % 200_000 == 0) {
				log.info("Generated {} listings", i + 1);
			}
		}
		flushListings(copy, rows, translations);
	}

	private static void flushListings(CopyManager copy, StringBuilder rows, StringBuilder translations) throws SQLException, IOException {
		copy.copyIn("COPY listing (tenant_id, listing_id, member_id, kind, status, visibility, locale, hs_code, quantity_value, "
				+ "quantity_unit, price_amount, price_currency, incoterm, origin_country, published_at) FROM STDIN",
				new StringReader(rows.toString()));
		copy.copyIn("COPY listing_translation (tenant_id, listing_id, locale, title, description) FROM STDIN",
				new StringReader(translations.toString()));
		rows.setLength(0);
		translations.setLength(0);
	}

	private void publicChangeTriggers(String enableOrDisable) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String table : List.of("listing", "listing_translation")) {
				for (String event : List.of("insert", "update", "delete")) {
					statement.execute("ALTER TABLE " + table + " " + enableOrDisable + " TRIGGER " + table + "_public_changed_" + event);
				}
			}
			statement.execute("NOTIFY comptoir_public_changed, '*'");
		}
	}

	/** Search documents for every listing in one pass, with no index on the table to update. */
	private void searchDocuments() throws SQLException {
		try (Statement statement = connection.createStatement()) {
			log.info("Computing search documents");
			// a hash join whatever the statistics say: PostgreSQL guesses one row for "search = ''" and would run
			// the aggregate once per listing in a nested loop (minutes instead of seconds at 1,000,000 listings)
			statement.execute("SET enable_nestloop = off");
			// the grouped translations hashed in memory, not spilled to disk
			statement.execute("SET work_mem = '256MB'");
			statement.execute("""
					UPDATE listing l SET search = d.search, search_text = d.search_text
					FROM (SELECT tenant_id, listing_id,
					        setweight(to_tsvector('french', immutable_unaccent(string_agg(title, ' '))), 'A') ||
					        setweight(to_tsvector('english', immutable_unaccent(string_agg(title, ' '))), 'A') ||
					        setweight(to_tsvector('french', immutable_unaccent(coalesce(string_agg(description, ' '), ''))), 'B') ||
					        setweight(to_tsvector('english', immutable_unaccent(coalesce(string_agg(description, ' '), ''))), 'B') AS search,
					        immutable_unaccent(lower(string_agg(title, ' '))) AS search_text
					      FROM listing_translation GROUP BY tenant_id, listing_id) d
					WHERE l.tenant_id = d.tenant_id AND l.listing_id = d.listing_id AND l.search = ''::tsvector""");
			statement.execute("RESET enable_nestloop");
			statement.execute("RESET work_mem");
		}
	}

}
