-- The second wall, narrowed (security review, issue 13): what the application role may write is what
-- the API writes, and no more; no function resolves a name through the caller's search_path; no
-- operator leaks rows past row-level security that it does not have to.

-- 1. Mise en relation: both chambers of a row read it, each writes only its own side.
--    contact_request: the requester's chamber writes both copies (its own and the receiver's), the
--    receiver's chamber answers on both; conversation: opened by the receiver's chamber when it
--    accepts, its counter moved by whichever side sends; message: written by its author's chamber.
DROP POLICY contact_request_participant_chambers ON contact_request;
DROP POLICY conversation_participant_chambers ON conversation;
DROP POLICY message_participant_chambers ON message;

CREATE POLICY contact_request_read ON contact_request FOR SELECT
  USING (app_tenant_id() IN (tenant_id, peer_tenant_id));
CREATE POLICY contact_request_sent_by_requester ON contact_request FOR INSERT
  WITH CHECK (from_tenant_id = app_tenant_id() AND app_tenant_id() IN (tenant_id, peer_tenant_id));
CREATE POLICY contact_request_answered_by_receiver ON contact_request FOR UPDATE
  USING (to_tenant_id = app_tenant_id()) WITH CHECK (to_tenant_id = app_tenant_id());

CREATE POLICY conversation_read ON conversation FOR SELECT
  USING (app_tenant_id() IN (tenant_id, peer_tenant_id));
CREATE POLICY conversation_opened_by_receiver ON conversation FOR INSERT
  WITH CHECK (peer_tenant_id = app_tenant_id());
CREATE POLICY conversation_moved_by_participants ON conversation FOR UPDATE
  USING (app_tenant_id() IN (tenant_id, peer_tenant_id)) WITH CHECK (app_tenant_id() IN (tenant_id, peer_tenant_id));

CREATE POLICY message_read ON message FOR SELECT
  USING (app_tenant_id() IN (tenant_id, peer_tenant_id));
CREATE POLICY message_written_by_author ON message FOR INSERT
  WITH CHECK (author_tenant_id = app_tenant_id() AND app_tenant_id() IN (tenant_id, peer_tenant_id));

-- Only the columns the API changes: an answer, a conversation's counter; a message is never edited.
REVOKE UPDATE ON contact_request, conversation, message FROM ${app_role};
GRANT UPDATE (status, response, responded_at, conversation_id) ON contact_request TO ${app_role};
GRANT UPDATE (last_seq, last_message_at) ON conversation TO ${app_role};

-- 2. Companies are suspended or rejected, never deleted by the API.
REVOKE DELETE ON member, member_user, member_registration, member_sector FROM ${app_role};

-- 3. Functions called by policies, triggers and indexes bind their names once. SQL functions get a
--    SQL-standard body, parsed when created (names resolved then, not from the caller's search_path),
--    which PostgreSQL still inlines into the queries and policies that call them (a SET clause would
--    stop that, and app_tenant_id() is evaluated on every row a policy filters); PL/pgSQL functions,
--    which resolve names when they run, get a fixed search_path. V16's app_member_id,
--    app_reads_members, member_in_network and member_in_contact get such bodies too, with V16's rules.
CREATE OR REPLACE FUNCTION app_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN nullif(pg_catalog.current_setting('app.tenant_id', true), '')::pg_catalog.uuid;

CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN ${flyway:defaultSchema}.unaccent('${flyway:defaultSchema}.unaccent'::pg_catalog.regdictionary, $1);

-- the same rule as V16's (a live NETWORK listing: published, unexpired, its company active)
CREATE OR REPLACE FUNCTION member_in_network(p_tenant uuid, p_member uuid) RETURNS boolean
  LANGUAGE sql STABLE
  RETURN EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.listing l WHERE l.tenant_id = p_tenant AND l.member_id = p_member
                 AND l.visibility = 'NETWORK' AND l.status = 'PUBLISHED' AND l.member_active
                 AND (l.expires_at IS NULL OR l.expires_at > pg_catalog.now()));

CREATE OR REPLACE FUNCTION app_member_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN nullif(pg_catalog.current_setting('app.member_id', true), '')::pg_catalog.uuid;

CREATE OR REPLACE FUNCTION app_reads_members() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN coalesce(pg_catalog.current_setting('app.members', true) = 'on', false);

ALTER FUNCTION listing_document(uuid, uuid) SET search_path = pg_catalog, ${flyway:defaultSchema}, pg_temp;
ALTER FUNCTION listing_follow_member_status() SET search_path = pg_catalog, ${flyway:defaultSchema}, pg_temp;
ALTER FUNCTION listing_member_active_on_insert() SET search_path = pg_catalog, ${flyway:defaultSchema}, pg_temp;
CREATE OR REPLACE FUNCTION member_in_contact(p_tenant uuid, p_member uuid) RETURNS boolean
  LANGUAGE sql STABLE
  RETURN EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.contact_request c
                 WHERE c.tenant_id = ${flyway:defaultSchema}.app_tenant_id()
                   AND ((c.from_tenant_id = ${flyway:defaultSchema}.app_tenant_id()
                         AND c.from_member_id = ${flyway:defaultSchema}.app_member_id()
                         AND c.to_tenant_id = p_tenant AND c.to_member_id = p_member)
                     OR (c.to_tenant_id = ${flyway:defaultSchema}.app_tenant_id()
                         AND c.to_member_id = ${flyway:defaultSchema}.app_member_id()
                         AND c.from_tenant_id = p_tenant AND c.from_member_id = p_member)));

-- 4. LIKE is no longer marked leakproof for the whole server (V9 did): no search needs it since HS
--    prefixes became equalities (V10), and LIKE raises errors that depend on its pattern. Full-text
--    match (ts_match_vq) stays leakproof: the marketplace's index scans under row-level security need
--    it, and it returns a boolean of its two arguments with no data-dependent error.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION pg_catalog.textlike(text, text) NOT LEAKPROOF;
  ELSE
    RAISE WARNING 'Not a superuser: ask a DBA to run ALTER FUNCTION pg_catalog.textlike(text, text) NOT LEAKPROOF';
  END IF;
END
$$;

-- 5. Idempotency keys commit with the mutation's writes (protection/IdempotencyStore): once set, the
--    key is never given back, whatever happens to the response.
ALTER TABLE idempotency_key ADD COLUMN committed_at timestamptz;

-- 6. Custom domains are served once proved: custom_domain is the domain host resolution serves;
--    the one asked for through the API waits in custom_domain_requested until its DNS TXT record
--    (_comptoir-challenge.<domain>, value custom_domain_token) is found.
ALTER TABLE tenant
  ADD COLUMN custom_domain_requested text CHECK (custom_domain_requested = lower(custom_domain_requested)),
  ADD COLUMN custom_domain_token text,
  ADD COLUMN custom_domain_verified_at timestamptz,
  ADD CHECK ((custom_domain_requested IS NULL) = (custom_domain_token IS NULL));
