-- Authorization gaps (issue 13): what a suspended company's listings, a contact and the new MEMBERS
-- visibility show, below the API's own predicates (the second wall).

-- Who a transaction reads for, beside its chamber (app.tenant_id), set by the API with set_config(..., true):
-- app.member_id, the company the caller acts for in that chamber (none for anonymous callers, admins, jobs);
-- app.members, 'on' when the transaction may read the chamber's MEMBERS listings (a user of an ACTIVE
-- company of the chamber, its admins, the chamber's own bookkeeping). Unset: neither.
CREATE FUNCTION app_member_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.member_id', true), '')::uuid $$;

CREATE FUNCTION app_reads_members() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(current_setting('app.members', true) = 'on', false) $$;

-- 1. MEMBERS: seen on the chamber's own portal by the signed-in users of its ACTIVE companies and its
--    admins only; never across the network.
ALTER TABLE listing DROP CONSTRAINT listing_visibility_check;
ALTER TABLE listing ADD CONSTRAINT listing_visibility_check CHECK (visibility IN ('CHAMBER', 'MEMBERS', 'NETWORK'));

-- 2. The chamber's own listings: MEMBERS ones for its members (and the listing's own company) only.
--    Writes keep the chamber check; an UPDATE or DELETE still only reaches rows the reads policy shows.
DROP POLICY listing_own_chamber ON listing;
CREATE POLICY listing_own_chamber_read ON listing FOR SELECT
  USING (tenant_id = app_tenant_id() AND (visibility <> 'MEMBERS' OR app_reads_members() OR member_id = app_member_id()));
CREATE POLICY listing_own_chamber_insert ON listing FOR INSERT WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY listing_own_chamber_update ON listing FOR UPDATE
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- 3. The network reads what search shows: published, not past expiry, of an ACTIVE company (member_active,
--    kept by the trigger of V9). A suspended company's listings leave the network at once, even by id.
DROP POLICY listing_network_read ON listing;
CREATE POLICY listing_network_read ON listing FOR SELECT
  USING (visibility = 'NETWORK' AND status = 'PUBLISHED' AND member_active AND (expires_at IS NULL OR expires_at > now()));

-- 4. Translations follow their listing: the sub-query is itself under the listing's policies.
DROP POLICY listing_translation_own_chamber ON listing_translation;
DROP POLICY listing_translation_network_read ON listing_translation;
CREATE POLICY listing_translation_read ON listing_translation FOR SELECT
  USING (EXISTS (SELECT 1 FROM listing l WHERE l.tenant_id = listing_translation.tenant_id
                 AND l.listing_id = listing_translation.listing_id));
CREATE POLICY listing_translation_insert ON listing_translation FOR INSERT WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY listing_translation_update ON listing_translation FOR UPDATE
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY listing_translation_delete ON listing_translation FOR DELETE USING (tenant_id = app_tenant_id());

-- 5. A company shows its public profile (and sectors, registrations) to the network while it has a live
--    network listing: no longer through a suspended company's or an expired listing.
CREATE OR REPLACE FUNCTION member_in_network(p_tenant uuid, p_member uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM listing l WHERE l.tenant_id = p_tenant AND l.member_id = p_member
                 AND l.visibility = 'NETWORK' AND l.status = 'PUBLISHED' AND l.member_active
                 AND (l.expires_at IS NULL OR l.expires_at > now()))
$$;

-- 6. A contact shows the other side's profile to the two companies of the request only, not to every
--    company of the chamber: the caller's company (app.member_id) must be one side, p_member the other.
CREATE OR REPLACE FUNCTION member_in_contact(p_tenant uuid, p_member uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM contact_request c WHERE c.tenant_id = app_tenant_id()
                 AND ((c.from_tenant_id = app_tenant_id() AND c.from_member_id = app_member_id()
                       AND c.to_tenant_id = p_tenant AND c.to_member_id = p_member)
                   OR (c.to_tenant_id = app_tenant_id() AND c.to_member_id = app_member_id()
                       AND c.from_tenant_id = p_tenant AND c.from_member_id = p_member)))
$$;
