package org.comptoir.api.hs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.r2dbc.spi.Readable;
import org.comptoir.api.database.TenantTransactions;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The HS nomenclature: what other features call to check and show codes. */
@Component
public class HsNomenclature {

	private final TenantTransactions database;

	/** Codes exactly as in the table, by code (the whole nomenclature is some 7,000). */
	private final Cache<String, HsCode> exact = Caffeine.newBuilder().maximumSize(20_000).build();

	/** The sections change only with an import of the nomenclature: read again after a few minutes. */
	private final Mono<List<HsSection>> sections;

	HsNomenclature(TenantTransactions database) {
		this.database = database;
		this.sections = database.shared().sql("""
				SELECT s.section, s.title_fr, s.title_en, array_agg(c.code ORDER BY c.code) AS chapters
				FROM hs_section s JOIN hs_code c ON c.section = s.section AND c.level = 2
				GROUP BY s.section, s.title_fr, s.title_en
				ORDER BY min(c.code)""")
			.map(row -> new HsSection(row.get("section", String.class), row.get("title_fr", String.class),
					row.get("title_en", String.class), List.of(row.get("chapters", String[].class))))
			.all()
			.collectList()
			.cache(found -> Duration.ofMinutes(5), failed -> Duration.ZERO, () -> Duration.ZERO);
	}

	/** The sections, in the nomenclature's order (by their first chapter). */
	public Mono<List<HsSection>> sections() {
		return this.sections;
	}

	/**
	 * Whether a code of 2, 4 or 6 digits is acceptable: its chapter is known, and, once the full
	 * nomenclature is imported, the code itself exists.
	 */
	public Mono<Boolean> isAcceptable(String code) {
		if (code == null || !code.matches("[0-9]{2}([0-9]{2}){0,2}")) {
			return Mono.just(false);
		}
		return database.shared().sql("""
				SELECT EXISTS (SELECT 1 FROM hs_code WHERE code = left(:code, 2))
				   AND (NOT (SELECT full_imported FROM hs_nomenclature) OR EXISTS (SELECT 1 FROM hs_code WHERE code = :code))
				   AS acceptable""")
			.bind("code", code)
			.map(row -> Boolean.TRUE.equals(row.get("acceptable", Boolean.class)))
			.one();
	}

	/**
	 * A code's titles if they are in memory already (no I/O): how a page's HS titles are shown without a
	 * batch load once the codes have been read; null otherwise, then {@link #byCodes} reads them.
	 */
	public HsCode known(String code) {
		return exact.getIfPresent(code);
	}

	/**
	 * Codes by value; a code not in the table (its chapter known) gets its chapter's titles. Codes found
	 * in the table are kept in memory (an import adds codes, never retitles one): a page of listings
	 * then shows its HS titles without a statement. Fallbacks to a chapter are not kept, since an import
	 * may add the code itself.
	 */
	public Mono<Map<String, HsCode>> byCodes(Collection<String> codes) {
		Map<String, HsCode> found = new HashMap<>();
		List<String> missing = new ArrayList<>();
		for (String code : new LinkedHashSet<>(codes)) {
			HsCode known = exact.getIfPresent(code);
			if (known != null) {
				found.put(code, known);
			}
			else {
				missing.add(code);
			}
		}
		if (missing.isEmpty()) {
			return Mono.just(found);
		}
		return database.shared().sql("""
				SELECT w.code, coalesce(c.title_fr, p.title_fr) AS title_fr, coalesce(c.title_en, p.title_en) AS title_en,
				       c.code IS NOT NULL AS exact
				FROM unnest(:codes::text[]) AS w(code)
				LEFT JOIN hs_code c ON c.code = w.code
				LEFT JOIN hs_code p ON p.code = left(w.code, 2)""")
			.bind("codes", missing.toArray(String[]::new))
			.map(row -> {
				HsCode code = map(row);
				if (Boolean.TRUE.equals(row.get("exact", Boolean.class))) {
					exact.put(code.code(), code);
				}
				return code;
			})
			.all()
			.doOnNext(code -> found.put(code.code(), code))
			.then(Mono.fromSupplier(() -> found));
	}

	/** By code prefix when the query is digits, else by words (accents and case ignored), best first. */
	public Mono<List<HsCode>> search(String query, int first) {
		String q = query == null ? "" : query.trim();
		if (q.isEmpty()) {
			return Mono.just(List.of());
		}
		if (q.matches("[0-9]{1,6}")) {
			return database.shared().sql("SELECT code, title_fr, title_en FROM hs_code WHERE code LIKE :prefix ORDER BY code LIMIT :first")
				.bind("prefix", q + "%")
				.bind("first", first)
				.map(HsNomenclature::map)
				.all()
				.collectList();
		}
		return database.shared().sql("""
				SELECT code, title_fr, title_en FROM hs_code, plainto_tsquery('simple', immutable_unaccent(:q)) query
				WHERE search @@ query
				   OR immutable_unaccent(lower(title_fr || ' ' || title_en)) LIKE '%' || immutable_unaccent(lower(:q)) || '%'
				ORDER BY ts_rank(search, query) DESC, level, code
				LIMIT :first""")
			.bind("q", q)
			.bind("first", first)
			.map(HsNomenclature::map)
			.all()
			.collectList();
	}

	static HsCode map(Readable row) {
		return new HsCode(row.get("code", String.class), row.get("title_fr", String.class), row.get("title_en", String.class));
	}

}
