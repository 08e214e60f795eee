-- Mise en relation: contact requests, the conversations they open, and their messages.
--
-- A conversation may join two chambers. Every row names both: tenant_id (the chamber whose
-- partition holds it, first in every key: on Citus the tables are distributed by it, co-located
-- with member and listing) and peer_tenant_id (the other participant's chamber; the same one when
-- both companies are of one chamber). Row-level security lets exactly those two chambers read and
-- write a row; the API then lets only the two companies' users through (docs/matchmaking.md).
--
-- Where rows live:
-- - contact_request: one copy per participating chamber (one in all when both companies are of one
--   chamber), same contact_request_id. A chamber's inbox, outbox and figures read its own partition.
-- - conversation and message: one copy, in the requester's chamber (the "home"). They are read by
--   id only, and the global id carries the home chamber, so every read goes to one partition.

CREATE TABLE contact_request (
  tenant_id              uuid NOT NULL REFERENCES tenant (tenant_id),
  contact_request_id     uuid NOT NULL,
  peer_tenant_id         uuid NOT NULL REFERENCES tenant (tenant_id),
  from_tenant_id         uuid NOT NULL,
  from_member_id         uuid NOT NULL,
  from_user_id           uuid NOT NULL,        -- who asked (a user of the requesting company)
  to_tenant_id           uuid NOT NULL,
  to_member_id           uuid NOT NULL,
  listing_tenant_id      uuid,
  listing_id             uuid,
  message                text NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
  status                 text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED')),
  response               text CHECK (length(response) <= 2000),
  responded_at           timestamptz,
  conversation_id        uuid,                 -- in from_tenant_id, once accepted
  created_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, contact_request_id),
  CHECK (tenant_id IN (from_tenant_id, to_tenant_id)),
  CHECK (peer_tenant_id = CASE WHEN tenant_id = from_tenant_id THEN to_tenant_id ELSE from_tenant_id END),
  CHECK ((listing_id IS NULL) = (listing_tenant_id IS NULL)),
  CHECK (from_tenant_id <> to_tenant_id OR from_member_id <> to_member_id),
  CHECK ((status = 'ACCEPTED') = (conversation_id IS NOT NULL))
);

-- At most one open request per pair of companies and listing (or per pair, without a listing),
-- checked on the requester's copy.
CREATE UNIQUE INDEX contact_request_open ON contact_request
  (tenant_id, from_member_id, to_tenant_id, to_member_id,
   coalesce(listing_tenant_id, '00000000-0000-0000-0000-000000000000'),
   coalesce(listing_id, '00000000-0000-0000-0000-000000000000'))
  WHERE status = 'PENDING' AND tenant_id = from_tenant_id;
-- Inbox, outbox, the daily cap and the chamber's figures.
CREATE INDEX contact_request_inbox ON contact_request (tenant_id, to_member_id, created_at DESC);
CREATE INDEX contact_request_outbox ON contact_request (tenant_id, from_member_id, created_at DESC);
CREATE INDEX contact_request_recent ON contact_request (tenant_id, created_at);

CREATE TABLE conversation (
  tenant_id          uuid NOT NULL REFERENCES tenant (tenant_id),  -- home: the requester's chamber
  conversation_id    uuid NOT NULL,
  peer_tenant_id     uuid NOT NULL REFERENCES tenant (tenant_id),  -- the chamber of the company asked
  contact_request_id uuid NOT NULL,
  member_id          uuid NOT NULL,                               -- the requester, in tenant_id
  peer_member_id     uuid NOT NULL,                               -- the company asked, in peer_tenant_id
  last_seq           bigint NOT NULL DEFAULT 0,                   -- the last message's number
  created_at         timestamptz NOT NULL DEFAULT now(),
  last_message_at    timestamptz,
  PRIMARY KEY (tenant_id, conversation_id),
  UNIQUE (tenant_id, conversation_id, peer_tenant_id),
  UNIQUE (tenant_id, contact_request_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, member_id),
  FOREIGN KEY (tenant_id, contact_request_id) REFERENCES contact_request (tenant_id, contact_request_id)
);

-- Messages in the order the conversation's row lock gave them (seq), the same for both sides.
CREATE TABLE message (
  tenant_id        uuid NOT NULL,
  message_id       uuid NOT NULL,
  conversation_id  uuid NOT NULL,
  peer_tenant_id   uuid NOT NULL,
  seq              bigint NOT NULL CHECK (seq > 0),
  author_tenant_id uuid NOT NULL,
  author_member_id uuid NOT NULL,
  author_user_id   uuid NOT NULL,
  body             text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  sent_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, message_id),
  UNIQUE (tenant_id, conversation_id, seq),
  -- peer_tenant_id is the conversation's: row-level security reads it from the row itself
  FOREIGN KEY (tenant_id, conversation_id, peer_tenant_id)
    REFERENCES conversation (tenant_id, conversation_id, peer_tenant_id),
  CHECK (author_tenant_id IN (tenant_id, peer_tenant_id))
);

-- The two participant chambers, and no other, read and write these rows.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['contact_request', 'conversation', 'message'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (app_tenant_id() IN (tenant_id, peer_tenant_id))'
                   ' WITH CHECK (app_tenant_id() IN (tenant_id, peer_tenant_id))', t || '_participant_chambers', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE ON contact_request, conversation, message TO ${app_role};

-- A company in contact with one of the current chamber's companies shows its public profile to
-- that chamber, as a company with a network listing does: the other side of an inbox, of a
-- conversation. Reads the current chamber's own copies of the requests only.
CREATE FUNCTION member_in_contact(p_tenant uuid, p_member uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM contact_request c WHERE c.tenant_id = app_tenant_id()
                 AND ((c.from_tenant_id = p_tenant AND c.from_member_id = p_member)
                   OR (c.to_tenant_id = p_tenant AND c.to_member_id = p_member)))
$$;
CREATE POLICY member_contact_read ON member FOR SELECT USING (member_in_contact(tenant_id, member_id));
