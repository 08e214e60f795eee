-- HS prefix filters (2, 4 or 6 digits) as equalities on the code's chapter and heading, which use
--    indexes under row-level security (equality is leakproof, LIKE ANY cannot use an index at all).
ALTER TABLE listing ADD COLUMN hs_chapter text GENERATED ALWAYS AS (left(hs_code, 2)) STORED;
ALTER TABLE listing ADD COLUMN hs_heading text GENERATED ALWAYS AS (left(hs_code, 4)) STORED;
DROP INDEX listing_hs;
CREATE INDEX listing_hs_chapter ON listing (hs_chapter, published_at DESC) WHERE status = 'PUBLISHED';
CREATE INDEX listing_hs_heading ON listing (hs_heading, published_at DESC) WHERE status = 'PUBLISHED';
CREATE INDEX listing_hs_code ON listing (hs_code, published_at DESC) WHERE status = 'PUBLISHED';
