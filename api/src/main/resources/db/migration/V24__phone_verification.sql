-- Texts (SMS, WhatsApp) go only to a phone the user proved is theirs (a code sent to it), and only with their
-- consent, recorded with its time and the words they agreed to (the law asks for both).

-- The code last sent to a phone the user gave, until it is verified or expires (one at a time per user).
CREATE TABLE phone_verification (
  tenant_id  uuid NOT NULL REFERENCES tenant (tenant_id),
  user_id    uuid NOT NULL,
  phone      text NOT NULL,                                   -- E.164
  channel    text NOT NULL CHECK (channel IN ('SMS', 'WHATSAPP')),
  code_hash  text NOT NULL,                                   -- SHA-256 of the user, the phone and the code
  expires_at timestamptz NOT NULL,
  attempts   integer NOT NULL DEFAULT 0,                      -- wrong codes tried
  sent       integer NOT NULL DEFAULT 1,                      -- codes sent since window_start
  window_start timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE notification_consent (
  tenant_id    uuid NOT NULL REFERENCES tenant (tenant_id),
  consent_id   uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL,
  channel      text NOT NULL CHECK (channel IN ('SMS', 'WHATSAPP')),
  phone        text NOT NULL,
  locale       text NOT NULL,
  wording      text NOT NULL,                                 -- what the user was shown and agreed to
  given_at     timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  PRIMARY KEY (tenant_id, consent_id)
);
CREATE INDEX notification_consent_user ON notification_consent (tenant_id, user_id, channel, given_at DESC);

ALTER TABLE phone_verification ENABLE ROW LEVEL SECURITY;
ALTER TABLE phone_verification FORCE ROW LEVEL SECURITY;
ALTER TABLE notification_consent ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_consent FORCE ROW LEVEL SECURITY;
CREATE POLICY phone_verification_own_chamber ON phone_verification
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY notification_consent_own_chamber ON notification_consent
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON phone_verification TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON notification_consent TO ${app_role};
