-- Every decision of a chamber on a member: who, when, why. Chamber admins read it; nobody edits it.
CREATE TABLE member_review (
  tenant_id   uuid NOT NULL,
  review_id   uuid NOT NULL,
  member_id   uuid NOT NULL,
  decision    text NOT NULL CHECK (decision IN ('APPROVE', 'REJECT', 'SUSPEND', 'REINSTATE', 'VERIFY', 'SET_TIER')),
  from_status text NOT NULL,
  to_status   text NOT NULL,
  detail      text,                    -- e.g. the new tier
  reason      text,
  actor_id    uuid NOT NULL,
  actor_email text NOT NULL,
  decided_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, review_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, member_id)
);
CREATE INDEX member_review_member ON member_review (tenant_id, member_id, decided_at DESC);
CREATE INDEX member_review_recent ON member_review (tenant_id, decided_at DESC);

ALTER TABLE member_review ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_review FORCE ROW LEVEL SECURITY;
CREATE POLICY member_review_own_chamber ON member_review
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
GRANT SELECT, INSERT ON member_review TO ${app_role};

-- Directory search: accent- and typo-forgiving name search, keyset pagination by (name, id).
CREATE INDEX member_name_trgm ON member USING gin (immutable_unaccent(lower(name)) gin_trgm_ops);
CREATE INDEX member_directory ON member (tenant_id, status, lower(name), member_id);
