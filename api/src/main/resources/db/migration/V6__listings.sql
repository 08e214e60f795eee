-- Offers and buy requests. Title and description per locale in listing_translation; the search
-- document (French and English stems, accents removed) is kept on the listing row, so a search reads
-- one table and one index.
CREATE TABLE listing (
  tenant_id      uuid NOT NULL,
  listing_id     uuid NOT NULL,
  member_id      uuid NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('OFFER', 'REQUEST')),
  status         text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'CLOSED', 'EXPIRED')),
  visibility     text NOT NULL CHECK (visibility IN ('CHAMBER', 'NETWORK')),
  locale         text NOT NULL,               -- the language the listing was written in
  hs_code        text NOT NULL CHECK (hs_code ~ '^[0-9]{2}([0-9]{2}){0,2}$'),
  quantity_value numeric(20, 3) CHECK (quantity_value > 0),
  quantity_unit  text CHECK (quantity_unit ~ '^[A-Z0-9]{2,3}$'),
  price_amount   numeric(20, 4) CHECK (price_amount > 0),
  price_currency char(3),
  incoterm       text CHECK (incoterm IN ('EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF')),
  origin_country char(2),
  published_at   timestamptz,
  expires_at     timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 0,
  search         tsvector NOT NULL DEFAULT ''::tsvector,
  search_text    text NOT NULL DEFAULT '',   -- unaccented lower-case titles, for the typo fallback
  PRIMARY KEY (tenant_id, listing_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, member_id),
  CHECK ((quantity_value IS NULL) = (quantity_unit IS NULL)),
  CHECK ((price_amount IS NULL) = (price_currency IS NULL)),
  CHECK (status <> 'PUBLISHED' OR published_at IS NOT NULL)
);

CREATE TABLE listing_translation (
  tenant_id   uuid NOT NULL,
  listing_id  uuid NOT NULL,
  locale      text NOT NULL,
  title       text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  description text CHECK (length(description) <= 5000),
  PRIMARY KEY (tenant_id, listing_id, locale),
  FOREIGN KEY (tenant_id, listing_id) REFERENCES listing (tenant_id, listing_id) ON DELETE CASCADE
);

-- The search document of a listing, from its translations: French and English stems of the
-- unaccented text (titles weigh more than descriptions). Called by the API after each write.
CREATE FUNCTION listing_document(p_tenant uuid, p_listing uuid) RETURNS tsvector
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(
           setweight(to_tsvector('french', immutable_unaccent(string_agg(title, ' '))), 'A') ||
           setweight(to_tsvector('english', immutable_unaccent(string_agg(title, ' '))), 'A') ||
           setweight(to_tsvector('french', immutable_unaccent(coalesce(string_agg(description, ' '), ''))), 'B') ||
           setweight(to_tsvector('english', immutable_unaccent(coalesce(string_agg(description, ' '), ''))), 'B'),
           ''::tsvector)
  FROM listing_translation WHERE tenant_id = p_tenant AND listing_id = p_listing
$$;

-- Indexes that serve the marketplace at network scale (see README, "Search at scale"):
-- the full-text index only over what search can return,
CREATE INDEX listing_search ON listing USING gin (search) WHERE status = 'PUBLISHED';
CREATE INDEX listing_search_text_trgm ON listing USING gin (search_text gin_trgm_ops) WHERE status = 'PUBLISHED';
-- a chamber's newest listings (scope CHAMBER, NEWEST), and the network's (scope NETWORK),
CREATE INDEX listing_newest ON listing (tenant_id, published_at DESC, listing_id DESC) WHERE status = 'PUBLISHED';
CREATE INDEX listing_network_newest ON listing (published_at DESC, listing_id DESC)
  WHERE status = 'PUBLISHED' AND visibility = 'NETWORK';
-- HS prefix filters, a member's listings, and expiry.
CREATE INDEX listing_hs ON listing (hs_code text_pattern_ops) WHERE status = 'PUBLISHED';
CREATE INDEX listing_member ON listing (tenant_id, member_id, status);
CREATE INDEX listing_expiry ON listing (expires_at) WHERE status = 'PUBLISHED' AND expires_at IS NOT NULL;

-- Row-level security: a chamber reads and writes its own listings; every chamber reads the
-- network's published listings, their translations, and the public profile of their companies.
ALTER TABLE listing ENABLE ROW LEVEL SECURITY;
ALTER TABLE listing FORCE ROW LEVEL SECURITY;
CREATE POLICY listing_own_chamber ON listing
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY listing_network_read ON listing FOR SELECT
  USING (visibility = 'NETWORK' AND status = 'PUBLISHED');

ALTER TABLE listing_translation ENABLE ROW LEVEL SECURITY;
ALTER TABLE listing_translation FORCE ROW LEVEL SECURITY;
CREATE POLICY listing_translation_own_chamber ON listing_translation
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY listing_translation_network_read ON listing_translation FOR SELECT
  USING (EXISTS (SELECT 1 FROM listing l WHERE l.tenant_id = listing_translation.tenant_id
                 AND l.listing_id = listing_translation.listing_id
                 AND l.visibility = 'NETWORK' AND l.status = 'PUBLISHED'));

-- A company with a published network listing shows its public profile (and sectors) to the network.
CREATE FUNCTION member_in_network(p_tenant uuid, p_member uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM listing l WHERE l.tenant_id = p_tenant AND l.member_id = p_member
                 AND l.visibility = 'NETWORK' AND l.status = 'PUBLISHED')
$$;
CREATE POLICY member_network_read ON member FOR SELECT
  USING (status = 'ACTIVE' AND member_in_network(tenant_id, member_id));
CREATE POLICY member_sector_network_read ON member_sector FOR SELECT
  USING (member_in_network(tenant_id, member_id));
CREATE POLICY member_registration_network_read ON member_registration FOR SELECT
  USING (member_in_network(tenant_id, member_id));

GRANT SELECT, INSERT, UPDATE ON listing, listing_translation TO ${app_role};
GRANT DELETE ON listing_translation TO ${app_role};
