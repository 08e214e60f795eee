-- The Harmonized System: sections, chapters (2 digits), headings (4) and subheadings (6).
-- Global reference data, the same for every chamber and public, hence no tenant_id: on Citus a
-- reference table, replicated to every node, so joins with it stay local.
CREATE TABLE hs_section (
  section  text PRIMARY KEY,           -- roman numeral, I..XXI
  title_fr text NOT NULL,
  title_en text NOT NULL
);

CREATE TABLE hs_code (
  code     text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2}){0,2}$'),
  level    smallint NOT NULL GENERATED ALWAYS AS (length(code)) STORED,
  chapter  text NOT NULL GENERATED ALWAYS AS (left(code, 2)) STORED,
  section  text REFERENCES hs_section (section),
  title_fr text NOT NULL,
  title_en text NOT NULL,
  -- what word search matches: both languages, without accents
  search   tsvector GENERATED ALWAYS AS (
             to_tsvector('simple', immutable_unaccent(title_fr || ' ' || title_en))) STORED
);
CREATE INDEX hs_code_search ON hs_code USING gin (search);
CREATE INDEX hs_code_prefix ON hs_code (code text_pattern_ops);
CREATE INDEX hs_code_title_trgm ON hs_code USING gin (immutable_unaccent(lower(title_fr || ' ' || title_en)) gin_trgm_ops);

-- Whether the full nomenclature (every 4- and 6-digit code) has been imported: from then on a code
-- must exist itself, not only its chapter.
CREATE TABLE hs_nomenclature (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  full_imported boolean NOT NULL DEFAULT false,
  imported_at   timestamptz
);
INSERT INTO hs_nomenclature DEFAULT VALUES;

GRANT SELECT ON hs_section, hs_code, hs_nomenclature TO ${app_role};
