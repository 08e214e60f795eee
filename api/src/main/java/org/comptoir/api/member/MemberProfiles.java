package org.comptoir.api.member;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.comptoir.api.database.TenantTransactions;
import org.comptoir.api.database.TenantTransactions.Reader;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The statements of a company's profile (MemberProfile): the member with its registrations and sectors
 * in one statement, and the details of companies read without them (a directory's page) in one more.
 */
@Repository
class MemberProfiles {

	/**
	 * What a profile shows beside the company's row, as two JSON arrays read by {@link #details}: its
	 * registrations and its sectors' HS codes, for the member {@code m} (a row, or a key).
	 */
	private static final String DETAILS = """
			(SELECT coalesce(json_agg(json_build_object('scheme', r.scheme, 'value', r.value) ORDER BY r.scheme, r.value), '[]')
			 FROM member_registration r WHERE r.tenant_id = m.tenant_id AND r.member_id = m.member_id)::text AS registrations,
			(SELECT coalesce(json_agg(s.hs_code ORDER BY s.hs_code), '[]')
			 FROM member_sector s WHERE s.tenant_id = m.tenant_id AND s.member_id = m.member_id)::text AS sectors""";

	private final TenantTransactions transactions;

	private final JsonMapper mapper;

	private final MemberRepository members;

	MemberProfiles(TenantTransactions transactions, JsonMapper mapper, MemberRepository members) {
		this.transactions = transactions;
		this.mapper = mapper;
		this.members = members;
	}

	/** A member of any chamber as visible to the reader ({@link MemberRepository#VISIBLE}), with its details. */
	Mono<Member> find(Reader reader, UUID tenantId, UUID memberId) {
		return transactions.read(reader, db -> db.sql("SELECT " + MemberRepository.COLUMNS + ",\n" + DETAILS
				+ "\nFROM member m WHERE m.tenant_id = :tenant AND m.member_id = :id AND " + MemberRepository.VISIBLE)
			.bind("tenant", tenantId)
			.bind("id", memberId)
			.bind("current", reader.tenantId())
			.map(row -> members.map(row).withDetails(details(row)))
			.one());
	}

	/**
	 * The details of companies read without them, by key: their registrations and sectors as row-level
	 * security lets the reader's chamber see them.
	 */
	Mono<Map<UUID, Member.Details>> details(UUID current, Collection<Member> companies) {
		return transactions.readMany(current, db -> db.sql("SELECT m.member_id,\n" + DETAILS
				+ "\nFROM unnest(:tenants, :ids) AS m(tenant_id, member_id)")
			.bind("tenants", companies.stream().map(Member::tenantId).toArray(UUID[]::new))
			.bind("ids", companies.stream().map(Member::memberId).toArray(UUID[]::new))
			.map(row -> Map.entry(row.get("member_id", UUID.class), details(row)))
			.all())
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private Member.Details details(Readable row) {
		return new Member.Details(mapper.readValue(row.get("registrations", String.class), new TypeReference<List<Registration>>() {
		}), mapper.readValue(row.get("sectors", String.class), new TypeReference<List<String>>() {
		}));
	}

}
