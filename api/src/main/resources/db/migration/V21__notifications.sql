-- Notifications (issue 17): what a company's users must hear of, written by the feature where it happens in
-- the same transaction as the change (notification_event, in the writer's chamber), then routed by a worker
-- into the recipient's chamber as one in-app notification per user of the company and its e-mail delivery
-- (the outbox), delivered with retries. Idempotent at every step: a crash loses nothing, and a step run twice
-- writes nothing twice (ids derived from the event and the user; deliveries claimed FOR UPDATE SKIP LOCKED).

CREATE TABLE notification_event (
  tenant_id    uuid NOT NULL REFERENCES tenant (tenant_id),   -- the writer's chamber
  event_id     uuid NOT NULL,
  to_tenant_id uuid NOT NULL REFERENCES tenant (tenant_id),
  to_member_id uuid NOT NULL,
  kind         text NOT NULL,
  params       jsonb NOT NULL,
  link         text NOT NULL,                                 -- the portal path the notice is about
  created_at   timestamptz NOT NULL DEFAULT now(),
  routed_at    timestamptz,
  PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX notification_event_unrouted ON notification_event (tenant_id, created_at) WHERE routed_at IS NULL;

CREATE TABLE notification (
  tenant_id       uuid NOT NULL REFERENCES tenant (tenant_id),  -- the recipient's chamber
  notification_id uuid NOT NULL,
  event_id        uuid NOT NULL,
  user_id         uuid NOT NULL,
  member_id       uuid NOT NULL,
  kind            text NOT NULL,
  params          jsonb NOT NULL,
  link            text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  read_at         timestamptz,
  PRIMARY KEY (tenant_id, notification_id),
  UNIQUE (tenant_id, event_id, user_id)
);
CREATE INDEX notification_user ON notification (tenant_id, user_id, created_at DESC, notification_id DESC);
CREATE INDEX notification_unread ON notification (tenant_id, user_id) WHERE read_at IS NULL;

CREATE TABLE notification_delivery (
  tenant_id       uuid NOT NULL,
  notification_id uuid NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('EMAIL')),
  address         text NOT NULL,
  -- CAPPED: past comptoir.notices.email-cap-per-hour for its address (the bell still has it)
  status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CAPPED')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until     timestamptz,                               -- a SENDING claim past this is taken again
  last_error      text,
  sent_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, notification_id, channel),
  FOREIGN KEY (tenant_id, notification_id) REFERENCES notification (tenant_id, notification_id) ON DELETE CASCADE
);
CREATE INDEX notification_delivery_due ON notification_delivery (tenant_id, next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX notification_delivery_address ON notification_delivery (tenant_id, address, created_at);

-- A user's choices; no row: e-mail at once, in the chamber's default language.
CREATE TABLE notification_setting (
  tenant_id         uuid NOT NULL REFERENCES tenant (tenant_id),
  user_id           uuid NOT NULL,
  email             text NOT NULL DEFAULT 'INSTANT' CHECK (email IN ('INSTANT', 'OFF')),
  locale            text,
  bounces           integer NOT NULL DEFAULT 0,                -- addresses refused by the mail server, in a row
  email_off_reason  text CHECK (email_off_reason IN ('UNSUBSCRIBED', 'BOUNCES')),
  unsubscribe_token uuid NOT NULL DEFAULT gen_random_uuid(),  -- the one-click unsubscribe link's
  PRIMARY KEY (tenant_id, user_id)
);
CREATE UNIQUE INDEX notification_setting_token ON notification_setting (unsubscribe_token);

-- The member feature's public face here: a company's users and their addresses (as V19's member_card).
CREATE FUNCTION member_users(p_tenant uuid, p_member uuid) RETURNS TABLE (user_id uuid, email text)
  LANGUAGE sql STABLE
  BEGIN ATOMIC
    SELECT u.user_id, u.email FROM ${flyway:defaultSchema}.member_user u WHERE u.tenant_id = p_tenant AND u.member_id = p_member;
  END;

ALTER TABLE notification_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_event FORCE ROW LEVEL SECURITY;
ALTER TABLE notification ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification FORCE ROW LEVEL SECURITY;
ALTER TABLE notification_delivery ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_delivery FORCE ROW LEVEL SECURITY;
ALTER TABLE notification_setting ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_setting FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_event_own_chamber ON notification_event
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY notification_own_chamber ON notification
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY notification_delivery_own_chamber ON notification_delivery
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY notification_setting_own_chamber ON notification_setting
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

GRANT SELECT, INSERT, UPDATE ON notification_event, notification, notification_delivery, notification_setting TO ${app_role};
