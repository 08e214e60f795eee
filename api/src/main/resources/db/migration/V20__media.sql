-- Pictures and documents (issue 16). The bytes of an upload arrive in pieces (upload_chunk), resumably;
-- attached, an upload becomes a media row (a listing's photo or document, a company's logo or gallery
-- picture, the chamber's logo or favicon) and the files served of it (media_file: an image's variants,
-- a document itself), whose bytes live in the blob store: media_blob by default, an S3 bucket by
-- configuration. Files are content-addressed (the SHA-256 of their bytes) within a chamber.

CREATE TABLE upload (
  tenant_id    uuid NOT NULL REFERENCES tenant (tenant_id),
  upload_id    uuid NOT NULL,
  user_id      uuid NOT NULL,                 -- who asked for it: only they attach it
  kind         text NOT NULL CHECK (kind IN ('IMAGE', 'DOCUMENT')),
  content_type text NOT NULL,                 -- as declared; the bytes decide at attach time
  file_name    text CHECK (length(file_name) <= 200),
  byte_size    bigint NOT NULL CHECK (byte_size > 0),
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  received     bigint NOT NULL DEFAULT 0 CHECK (received BETWEEN 0 AND byte_size),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, upload_id)
);
CREATE INDEX upload_expiry ON upload (tenant_id, expires_at);

-- What has arrived, one row per piece, at its offset in the file.
CREATE TABLE upload_chunk (
  tenant_id    uuid NOT NULL,
  upload_id    uuid NOT NULL,
  start_offset bigint NOT NULL,
  bytes        bytea NOT NULL,
  PRIMARY KEY (tenant_id, upload_id, start_offset),
  FOREIGN KEY (tenant_id, upload_id) REFERENCES upload (tenant_id, upload_id) ON DELETE CASCADE
);

CREATE TABLE media (
  tenant_id    uuid NOT NULL REFERENCES tenant (tenant_id),
  media_id     uuid NOT NULL,
  role         text NOT NULL CHECK (role IN ('LISTING_IMAGE', 'LISTING_DOCUMENT', 'MEMBER_LOGO', 'MEMBER_GALLERY',
                                             'CHAMBER_LOGO', 'CHAMBER_FAVICON')),
  listing_id   uuid,
  member_id    uuid,
  position     integer NOT NULL DEFAULT 0,    -- order among the owner's media of that role; 0 is a listing's cover
  alt          jsonb NOT NULL DEFAULT '{}',   -- an image's alt text by locale
  title        text CHECK (length(title) BETWEEN 1 AND 200),  -- a document's
  content_type text NOT NULL,                 -- the original's, from its bytes
  byte_size    bigint NOT NULL,               -- the original's
  width        integer,                       -- an image's, upright
  height       integer,
  pages        integer,                       -- a document's
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, media_id),
  FOREIGN KEY (tenant_id, listing_id) REFERENCES listing (tenant_id, listing_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, member_id),
  CHECK ((listing_id IS NOT NULL) = (role IN ('LISTING_IMAGE', 'LISTING_DOCUMENT'))),
  CHECK ((member_id IS NOT NULL) = (role IN ('MEMBER_LOGO', 'MEMBER_GALLERY'))),
  CHECK ((title IS NOT NULL) = (role = 'LISTING_DOCUMENT'))
);
CREATE INDEX media_listing ON media (tenant_id, listing_id, role, position) WHERE listing_id IS NOT NULL;
CREATE INDEX media_member ON media (tenant_id, member_id, role, position) WHERE member_id IS NOT NULL;
CREATE UNIQUE INDEX media_one_logo ON media (tenant_id, member_id) WHERE role = 'MEMBER_LOGO';
CREATE UNIQUE INDEX media_one_chamber_image ON media (tenant_id, role) WHERE role IN ('CHAMBER_LOGO', 'CHAMBER_FAVICON');

-- What is served of a media: an image's variant in one format, or the document.
CREATE TABLE media_file (
  tenant_id    uuid NOT NULL,
  media_id     uuid NOT NULL,
  variant      text NOT NULL CHECK (variant IN ('THUMBNAIL', 'CARD', 'FULL', 'DOCUMENT')),
  format       text NOT NULL CHECK (format IN ('JPEG', 'WEBP', 'PDF')),
  width        integer,
  height       integer,
  byte_size    bigint NOT NULL,
  address      text NOT NULL CHECK (address ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (tenant_id, media_id, variant, format),
  FOREIGN KEY (tenant_id, media_id) REFERENCES media (tenant_id, media_id) ON DELETE CASCADE
);
CREATE INDEX media_file_address ON media_file (tenant_id, address);

-- The database blob store: a file's bytes in pieces of 256 KiB, read a few at a time.
CREATE TABLE media_blob (
  tenant_id uuid NOT NULL REFERENCES tenant (tenant_id),
  address   text NOT NULL,
  seq       integer NOT NULL,
  bytes     bytea NOT NULL,
  PRIMARY KEY (tenant_id, address, seq)
);

-- What a tier may attach, per chamber; a chamber without a row has the defaults (comptoir.media.quotas).
CREATE TABLE media_quota (
  tenant_id             uuid NOT NULL REFERENCES tenant (tenant_id),
  tier                  text NOT NULL CHECK (tier IN ('FREE', 'PREMIUM')),
  images_per_listing    integer NOT NULL CHECK (images_per_listing BETWEEN 0 AND 50),
  documents_per_listing integer NOT NULL CHECK (documents_per_listing BETWEEN 0 AND 20),
  gallery_images        integer NOT NULL CHECK (gallery_images BETWEEN 0 AND 50),
  max_file_bytes        bigint NOT NULL CHECK (max_file_bytes BETWEEN 1024 AND 104857600),
  PRIMARY KEY (tenant_id, tier)
);

-- The listing feature's rule for who may see a listing's files without a signature (the same as
-- member_in_network's for one listing): a live NETWORK listing of an ACTIVE company.
CREATE FUNCTION listing_on_network(p_tenant uuid, p_listing uuid) RETURNS boolean
  LANGUAGE sql STABLE
  RETURN EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.listing l WHERE l.tenant_id = p_tenant AND l.listing_id = p_listing
                 AND l.visibility = 'NETWORK' AND l.status = 'PUBLISHED' AND l.member_active
                 AND (l.expires_at IS NULL OR l.expires_at > pg_catalog.now()));

-- The member feature's: an ACTIVE company's logo and gallery are public.
CREATE FUNCTION member_on_network(p_tenant uuid, p_member uuid) RETURNS boolean
  LANGUAGE sql STABLE
  RETURN EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.member m WHERE m.tenant_id = p_tenant AND m.member_id = p_member
                 AND m.status = 'ACTIVE');

ALTER TABLE upload ENABLE ROW LEVEL SECURITY;
ALTER TABLE upload FORCE ROW LEVEL SECURITY;
ALTER TABLE upload_chunk ENABLE ROW LEVEL SECURITY;
ALTER TABLE upload_chunk FORCE ROW LEVEL SECURITY;
ALTER TABLE media ENABLE ROW LEVEL SECURITY;
ALTER TABLE media FORCE ROW LEVEL SECURITY;
ALTER TABLE media_file ENABLE ROW LEVEL SECURITY;
ALTER TABLE media_file FORCE ROW LEVEL SECURITY;
ALTER TABLE media_blob ENABLE ROW LEVEL SECURITY;
ALTER TABLE media_blob FORCE ROW LEVEL SECURITY;
ALTER TABLE media_quota ENABLE ROW LEVEL SECURITY;
ALTER TABLE media_quota FORCE ROW LEVEL SECURITY;
CREATE POLICY upload_own_chamber ON upload USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY upload_chunk_own_chamber ON upload_chunk USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY media_own_chamber ON media USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
-- every chamber reads the media of what is public on the network, and their files
CREATE POLICY media_network_read ON media FOR SELECT
  USING (role IN ('CHAMBER_LOGO', 'CHAMBER_FAVICON')
         OR (listing_id IS NOT NULL AND listing_on_network(tenant_id, listing_id))
         OR (member_id IS NOT NULL AND member_on_network(tenant_id, member_id)));
CREATE POLICY media_file_own_chamber ON media_file USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY media_file_network_read ON media_file FOR SELECT
  USING (EXISTS (SELECT 1 FROM media m WHERE m.tenant_id = media_file.tenant_id AND m.media_id = media_file.media_id));
CREATE POLICY media_blob_own_chamber ON media_blob USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY media_quota_own_chamber ON media_quota USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON upload, upload_chunk, media, media_file, media_blob TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON media_quota TO ${app_role};

-- A listing's, a company's or the chamber's pictures show on public pages, network pages included
-- (a company's logo reaches them through its NETWORK listings): their cached copies go (V18).
CREATE FUNCTION media_public_changed() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, ${flyway:defaultSchema}, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM public_pages_notify(c.tenant_id, true) FROM (SELECT DISTINCT tenant_id FROM old_rows) c;
  ELSE
    PERFORM public_pages_notify(c.tenant_id, true) FROM (SELECT DISTINCT tenant_id FROM new_rows) c;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER media_public_insert AFTER INSERT ON media REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION media_public_changed();
CREATE TRIGGER media_public_update AFTER UPDATE ON media REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION media_public_changed();
CREATE TRIGGER media_public_delete AFTER DELETE ON media REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION media_public_changed();
-- a replaced picture's new variants change the URLs pages show
CREATE TRIGGER media_file_public_insert AFTER INSERT ON media_file REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION media_public_changed();
