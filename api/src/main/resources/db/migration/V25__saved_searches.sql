-- Saved searches with alerts, and matches as durable notices (notices, issue 17). Both read the published
-- listings as their log: a job tells what was published since its cursor, and advances the cursor in the
-- transaction that records the notice, so nothing is told twice or lost.

-- 1. The log's position. A listing's published_at is the writer's clock, taken before its transaction
--    commits: a listing committed after a job ran could carry an earlier time than the job's cursor and be
--    skipped. The publishing transaction's id, with the horizon pg_snapshot_xmin(pg_current_snapshot())
--    (every transaction below it has ended: committed and seen, or rolled back), gives windows
--    [cursor, horizon) that miss nothing and never overlap.
ALTER TABLE listing ADD COLUMN published_xid xid8;

CREATE FUNCTION listing_published_xid() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, ${flyway:defaultSchema}, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'PUBLISHED' THEN
    NEW.published_xid := pg_current_xact_id();
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER listing_published_xid BEFORE INSERT OR UPDATE OF status ON listing
  FOR EACH ROW WHEN (NEW.status = 'PUBLISHED') EXECUTE FUNCTION listing_published_xid();
CREATE INDEX listing_published_log ON listing (published_xid) WHERE status = 'PUBLISHED';

-- 2. A company's saved searches (any of its users saves and edits them; its users are told): the words
--    and the marketplace search's own filter (GraphQL ListingFilter, as JSON), and how the company hears
--    of new matches. checked_through: the log's position the search was last run up to.
CREATE TABLE saved_search (
  tenant_id       uuid NOT NULL REFERENCES tenant (tenant_id),
  saved_search_id uuid NOT NULL,
  member_id       uuid NOT NULL,
  created_by      uuid NOT NULL,                             -- the user who saved it
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  query           text CHECK (length(query) <= 200),
  filter          jsonb NOT NULL DEFAULT '{}',
  alert           text NOT NULL DEFAULT 'INSTANT' CHECK (alert IN ('INSTANT', 'DIGEST', 'OFF')),
  checked_through xid8 NOT NULL,
  checked_at      timestamptz NOT NULL DEFAULT now(),
  alerted_at      timestamptz,                               -- its last notice
  created_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, saved_search_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, member_id) ON DELETE CASCADE
);
CREATE INDEX saved_search_member ON saved_search (tenant_id, member_id, created_at);
CREATE INDEX saved_search_due ON saved_search (tenant_id, checked_at) WHERE alert <> 'OFF';

-- 3. Matches as notices: how far a chamber's publications have been matched (one row per publishing
--    chamber), and when an owner's listing was last told of a match from that chamber's publications
--    (at most once a day each: no flood when a chamber publishes many lots alike).
CREATE TABLE match_notice_cursor (
  tenant_id       uuid NOT NULL REFERENCES tenant (tenant_id),
  checked_through xid8 NOT NULL,
  checked_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);

CREATE TABLE match_notice (
  tenant_id        uuid NOT NULL REFERENCES tenant (tenant_id),  -- the publishing chamber, the notice's writer
  owner_tenant_id  uuid NOT NULL REFERENCES tenant (tenant_id),
  owner_listing_id uuid NOT NULL,
  noticed_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, owner_tenant_id, owner_listing_id)
);

ALTER TABLE saved_search ENABLE ROW LEVEL SECURITY;
ALTER TABLE saved_search FORCE ROW LEVEL SECURITY;
ALTER TABLE match_notice_cursor ENABLE ROW LEVEL SECURITY;
ALTER TABLE match_notice_cursor FORCE ROW LEVEL SECURITY;
ALTER TABLE match_notice ENABLE ROW LEVEL SECURITY;
ALTER TABLE match_notice FORCE ROW LEVEL SECURITY;
CREATE POLICY saved_search_own_chamber ON saved_search
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY match_notice_cursor_own_chamber ON match_notice_cursor
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY match_notice_own_chamber ON match_notice
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON saved_search, match_notice TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON match_notice_cursor TO ${app_role};
