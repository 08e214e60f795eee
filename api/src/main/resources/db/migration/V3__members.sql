-- Member companies of a chamber. tenant_id leads every key: on Citus, member is distributed by
-- tenant_id and co-located with every other tenant table.
CREATE TABLE member (
  tenant_id    uuid NOT NULL REFERENCES tenant (tenant_id),
  member_id    uuid NOT NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  legal_name   text,
  status       text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACTIVE', 'SUSPENDED', 'REJECTED')),
  tier         text NOT NULL DEFAULT 'FREE' CHECK (tier IN ('FREE', 'PREMIUM')),
  verified     boolean NOT NULL DEFAULT false,
  country      char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  city         text,
  website      text,
  -- description per locale: {"fr": "...", "en": "..."}
  descriptions jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, member_id)
);

-- Users of a chamber's realm who act for a company (the owner, invited staff).
CREATE TABLE member_user (
  tenant_id  uuid NOT NULL,
  user_id    uuid NOT NULL,       -- the token subject in the chamber's realm
  member_id  uuid NOT NULL,
  email      text NOT NULL,
  role       text NOT NULL CHECK (role IN ('OWNER', 'STAFF')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, member_id)
);
CREATE INDEX member_user_member ON member_user (tenant_id, member_id);

CREATE TABLE member_registration (
  tenant_id uuid NOT NULL,
  member_id uuid NOT NULL,
  scheme    text NOT NULL,
  value     text NOT NULL,
  PRIMARY KEY (tenant_id, member_id, scheme),
  FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, member_id) ON DELETE CASCADE
);

CREATE TABLE member_sector (
  tenant_id uuid NOT NULL,
  member_id uuid NOT NULL,
  hs_code   text NOT NULL CHECK (hs_code ~ '^[0-9]{2}([0-9]{2}){0,2}$'),
  PRIMARY KEY (tenant_id, member_id, hs_code),
  FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, member_id) ON DELETE CASCADE
);
CREATE INDEX member_sector_code ON member_sector (tenant_id, hs_code text_pattern_ops);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['member', 'member_user', 'member_registration', 'member_sector'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id())',
                   t || '_own_chamber', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON member, member_user, member_registration, member_sector TO ${app_role};
