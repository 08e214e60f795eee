-- Text search helpers used by the directory and the marketplace.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The API connects as this role: it owns no table and cannot bypass row-level security.
-- On a server this process manages, the role is created with LOGIN before migrating; elsewhere the
-- operator creates it (see README) and this only makes sure it exists.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${app_role}') THEN
    CREATE ROLE ${app_role} NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${app_role};

-- The chamber of the current transaction, set by the API with set_config('app.tenant_id', ..., true).
-- Null when none is set: then no tenant policy matches and tenant tables read as empty.
CREATE FUNCTION app_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- An immutable unaccent, usable in index expressions (unaccent() itself is only STABLE).
CREATE FUNCTION immutable_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT ${flyway:defaultSchema}.unaccent('${flyway:defaultSchema}.unaccent'::regdictionary, $1) $$;
