-- Notifications (issue 17), second part: channels besides e-mail (SMS, WhatsApp), per user and channel at once
-- or in a daily or weekly digest, quiet hours in the user's time zone, and the chamber's defaults for all of it.
-- A user's choices are nullable: null is the chamber's default, so a chamber changing its default changes it for
-- everyone who did not choose.

-- What the user chose per channel. No EMAIL row: the chamber's default mode; no SMS or WHATSAPP row: off
-- (texts need the user's consent, recorded in notification_consent, and a verified phone: the address).
CREATE TABLE notification_channel (
  tenant_id  uuid NOT NULL REFERENCES tenant (tenant_id),
  user_id    uuid NOT NULL,
  channel    text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'WHATSAPP')),
  mode       text CHECK (mode IN ('INSTANT', 'DAILY', 'WEEKLY', 'OFF')),
  address    text,                                            -- SMS, WHATSAPP: the verified phone, E.164
  refusals   integer NOT NULL DEFAULT 0,                      -- the address refused by the server or provider, in a row
  -- UNSUBSCRIBED (by the user), BOUNCES (the address refused comptoir.notices.bounce-threshold times in a row)
  off_reason text CHECK (off_reason IN ('UNSUBSCRIBED', 'BOUNCES')),
  PRIMARY KEY (tenant_id, user_id, channel)
);

INSERT INTO notification_channel (tenant_id, user_id, channel, mode, refusals, off_reason)
SELECT tenant_id, user_id, 'EMAIL', CASE WHEN email = 'OFF' THEN 'OFF' END, bounces, email_off_reason
FROM notification_setting WHERE email = 'OFF' OR bounces > 0;

ALTER TABLE notification_setting
  DROP COLUMN email, DROP COLUMN bounces, DROP COLUMN email_off_reason,
  ADD COLUMN time_zone      text,                             -- IANA; null: the chamber's
  ADD COLUMN quiet_from     time,                             -- quiet hours, local; from = until: none; null: the chamber's
  ADD COLUMN quiet_until    time,
  ADD COLUMN digest_hour    integer CHECK (digest_hour BETWEEN 0 AND 23),
  ADD COLUMN digest_weekday integer CHECK (digest_weekday BETWEEN 1 AND 7),   -- ISO: 1 is Monday
  ADD COLUMN phone          text,                             -- verified, E.164
  ADD COLUMN phone_verified_at timestamptz;

-- A chamber's defaults (no row: e-mail at once, the country's time zone, no quiet hours, digests at 8 on Mondays).
CREATE TABLE notification_default (
  tenant_id      uuid PRIMARY KEY REFERENCES tenant (tenant_id),
  email          text NOT NULL DEFAULT 'INSTANT' CHECK (email IN ('INSTANT', 'DAILY', 'WEEKLY', 'OFF')),
  time_zone      text,
  quiet_from     time,
  quiet_until    time,
  digest_hour    integer NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
  digest_weekday integer NOT NULL DEFAULT 1 CHECK (digest_weekday BETWEEN 1 AND 7)
);

-- A chamber's time zone when it chose none: its country's (the capital's where a country has several).
CREATE TABLE country_time_zone (
  country   char(2) PRIMARY KEY,
  time_zone text NOT NULL
);
INSERT INTO country_time_zone VALUES
  ('BE', 'Europe/Brussels'), ('BF', 'Africa/Ouagadougou'), ('BI', 'Africa/Bujumbura'), ('BJ', 'Africa/Porto-Novo'),
  ('CA', 'America/Toronto'), ('CD', 'Africa/Kinshasa'), ('CF', 'Africa/Bangui'), ('CG', 'Africa/Brazzaville'),
  ('CH', 'Europe/Zurich'), ('CI', 'Africa/Abidjan'), ('CM', 'Africa/Douala'), ('DJ', 'Africa/Djibouti'),
  ('DZ', 'Africa/Algiers'), ('FR', 'Europe/Paris'), ('GA', 'Africa/Libreville'), ('GN', 'Africa/Conakry'),
  ('HT', 'America/Port-au-Prince'), ('KM', 'Indian/Comoro'), ('LB', 'Asia/Beirut'), ('LU', 'Europe/Luxembourg'),
  ('MA', 'Africa/Casablanca'), ('MC', 'Europe/Monaco'), ('MG', 'Indian/Antananarivo'), ('ML', 'Africa/Bamako'),
  ('MR', 'Africa/Nouakchott'), ('MU', 'Indian/Mauritius'), ('NE', 'Africa/Niamey'), ('RW', 'Africa/Kigali'),
  ('SN', 'Africa/Dakar'), ('TD', 'Africa/Ndjamena'), ('TG', 'Africa/Lome'), ('TN', 'Africa/Tunis'),
  ('VN', 'Asia/Ho_Chi_Minh');

-- Deliveries on every channel; HELD: waiting for the user's digest (next_attempt_at is when it is due);
-- DIGESTED: sent inside the digest that delivery digest_id carries; DROPPED: the user turned the channel off first.
ALTER TABLE notification_delivery
  DROP CONSTRAINT notification_delivery_channel_check,
  ADD CONSTRAINT notification_delivery_channel_check CHECK (channel IN ('EMAIL', 'SMS', 'WHATSAPP')),
  DROP CONSTRAINT notification_delivery_status_check,
  ADD CONSTRAINT notification_delivery_status_check
    CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CAPPED', 'HELD', 'DIGESTED', 'DROPPED')),
  ADD COLUMN digest_id uuid,                                  -- the carrier's notification_id; the carrier's own too
  ADD COLUMN provider_id text;                                -- the provider's message id, once sent
CREATE INDEX notification_delivery_held ON notification_delivery (tenant_id, next_attempt_at) WHERE status = 'HELD';
CREATE INDEX notification_delivery_digest ON notification_delivery (tenant_id, digest_id, channel) WHERE digest_id IS NOT NULL;

-- The end of the quiet hours [p_from, p_until) (local times in p_zone) if p_at falls in them, else p_at itself.
-- A window may cross midnight (21:00 to 07:00); from = until, or either null: no quiet hours.
CREATE FUNCTION notice_quiet_end(p_at timestamptz, p_zone text, p_from time, p_until time) RETURNS timestamptz
  LANGUAGE sql STABLE
  RETURN CASE
    WHEN p_from IS NULL OR p_until IS NULL OR p_from = p_until THEN p_at
    WHEN p_from < p_until AND (p_at AT TIME ZONE p_zone)::time >= p_from AND (p_at AT TIME ZONE p_zone)::time < p_until
      THEN ((p_at AT TIME ZONE p_zone)::date + p_until) AT TIME ZONE p_zone
    WHEN p_from > p_until AND (p_at AT TIME ZONE p_zone)::time >= p_from
      THEN ((p_at AT TIME ZONE p_zone)::date + 1 + p_until) AT TIME ZONE p_zone
    WHEN p_from > p_until AND (p_at AT TIME ZONE p_zone)::time < p_until
      THEN ((p_at AT TIME ZONE p_zone)::date + p_until) AT TIME ZONE p_zone
    ELSE p_at
  END;

-- When the digest (DAILY or WEEKLY) of something routed at p_at is sent: the next p_hour o'clock in p_zone after
-- p_at, on the ISO weekday p_weekday for a weekly one.
CREATE FUNCTION notice_digest_due(p_at timestamptz, p_zone text, p_mode text, p_hour integer, p_weekday integer) RETURNS timestamptz
  LANGUAGE sql STABLE
  RETURN (SELECT min(day + make_interval(hours => p_hour)) AT TIME ZONE p_zone
          FROM generate_series((p_at AT TIME ZONE p_zone)::date::timestamp, (p_at AT TIME ZONE p_zone)::date::timestamp + interval '7 days',
                               interval '1 day') AS day   -- local midnights (timestamp, not timestamptz)
          WHERE day + make_interval(hours => p_hour) > p_at AT TIME ZONE p_zone
            AND (p_mode = 'DAILY' OR extract(isodow FROM day) = p_weekday));

ALTER TABLE notification_channel ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_channel FORCE ROW LEVEL SECURITY;
ALTER TABLE notification_default ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_default FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_channel_own_chamber ON notification_channel
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY notification_default_own_chamber ON notification_default
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

GRANT SELECT, INSERT, UPDATE ON notification_channel, notification_default TO ${app_role};
GRANT SELECT ON country_time_zone TO ${app_role};
