-- Match candidates (docs/matchmaking.md, "Scoring"): the newest listings of the wanted kind with the
-- same HS code, heading or chapter, read in index order and only as far as needed, so a match costs
-- the same on a network of a million listings as on a chamber of a hundred. The kind is in the key
-- because a request's candidates are offers and the other way round: without it, an offer's walk
-- reads three offers for every request it keeps.
CREATE INDEX listing_match_code ON listing (hs_code, kind, published_at DESC, listing_id DESC) WHERE status = 'PUBLISHED';
CREATE INDEX listing_match_heading ON listing (hs_heading, kind, published_at DESC, listing_id DESC) WHERE status = 'PUBLISHED';
CREATE INDEX listing_match_chapter ON listing (hs_chapter, kind, published_at DESC, listing_id DESC) WHERE status = 'PUBLISHED';
