-- Idempotency keys of mutations: the first response to a (chamber, caller, key), replayed to retries.
-- A row without a response is a claim: its request is running until locked_until.
CREATE TABLE idempotency_key (
  tenant_id       uuid NOT NULL REFERENCES tenant (tenant_id),
  caller          text NOT NULL,         -- realm/subject of the token
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  fingerprint     text NOT NULL,         -- SHA-256 of the operation and its variables
  response        jsonb,
  locked_until    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, caller, idempotency_key)
);
CREATE INDEX idempotency_key_age ON idempotency_key (tenant_id, created_at);

ALTER TABLE idempotency_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_key FORCE ROW LEVEL SECURITY;
CREATE POLICY idempotency_key_own_chamber ON idempotency_key
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_key TO ${app_role};
