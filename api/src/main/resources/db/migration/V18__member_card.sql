-- A company as a page of listings shows it (issue 15: one statement per page): the member feature's
-- columns and visibility rule, called by the listing feature's page statements as
-- member_card(l.tenant_id, l.member_id), so that listing SQL never names a member column.
-- The same columns as MemberRepository.COLUMNS (its keys are their names) and the same rule as
-- MemberRepository.findVisible: the current chamber's own companies, an ACTIVE company with a live
-- network listing, a company in contact with the reader's own; NULL when the reader may not see it.
-- SECURITY INVOKER (the default): row-level security on member still applies inside. A SQL-standard
-- body, its names bound when created (as V17's functions).
CREATE FUNCTION member_card(p_tenant uuid, p_member uuid) RETURNS json
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN (SELECT pg_catalog.json_build_object('tenant_id', m.tenant_id, 'member_id', m.member_id, 'name', m.name,
                   'legal_name', m.legal_name, 'status', m.status, 'tier', m.tier, 'verified', m.verified,
                   'country', m.country, 'city', m.city, 'website', m.website, 'descriptions', m.descriptions,
                   'version', m.version)
          FROM ${flyway:defaultSchema}.member m
          WHERE m.tenant_id = p_tenant AND m.member_id = p_member
            AND (m.tenant_id = ${flyway:defaultSchema}.app_tenant_id()
                 OR (m.status = 'ACTIVE' AND ${flyway:defaultSchema}.member_in_network(m.tenant_id, m.member_id))
                 OR ${flyway:defaultSchema}.member_in_contact(m.tenant_id, m.member_id)));
