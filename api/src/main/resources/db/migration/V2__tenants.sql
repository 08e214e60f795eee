-- The chambers. Public information (the network directory lists them all), so every chamber reads
-- every row; each writes only its own. On Citus: a reference table, replicated to every node.
CREATE TABLE tenant (
  tenant_id          uuid PRIMARY KEY,
  slug               text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{1,38}[a-z0-9]$'),
  name               text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  kind               text NOT NULL CHECK (kind IN ('CHAMBER_OF_COMMERCE', 'BUSINESS_ASSOCIATION')),
  country            char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  default_locale     text NOT NULL,
  locales            text[] NOT NULL CHECK (cardinality(locales) > 0),
  currency           char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  display_name       text NOT NULL,
  logo_url           text CHECK (logo_url ~ '^https://'),
  primary_color      char(7) NOT NULL CHECK (primary_color ~ '^#[0-9A-Fa-f]{6}$'),
  accent_color       char(7) NOT NULL CHECK (accent_color ~ '^#[0-9A-Fa-f]{6}$'),
  custom_domain      text UNIQUE CHECK (custom_domain = lower(custom_domain)),
  free_listing_quota integer NOT NULL DEFAULT 5 CHECK (free_listing_quota >= 0),
  -- the definition file last applied (null for chambers opened at runtime), and the last edit made
  -- through the API: once edited there, the file no longer overwrites the chamber at start.
  definition_sha256  text,
  edited_at          timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  version            integer NOT NULL DEFAULT 0,
  CHECK (default_locale = ANY (locales))
);

ALTER TABLE tenant ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read_public ON tenant FOR SELECT USING (true);
CREATE POLICY tenant_insert_own ON tenant FOR INSERT WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY tenant_update_own ON tenant FOR UPDATE
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

GRANT SELECT, INSERT, UPDATE ON tenant TO ${app_role};
