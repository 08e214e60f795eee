-- The naive broad search the issue quotes (~14 TPS): ts_rank over every match, and an exact count.
SELECT count(*) FROM listing l WHERE l.status = 'PUBLISHED' AND l.search @@ websearch_to_tsquery('french', 'cafe');
SELECT l.listing_id, ts_rank(l.search, websearch_to_tsquery('french', 'cafe')) AS rank FROM listing l
WHERE l.status = 'PUBLISHED' AND l.search @@ websearch_to_tsquery('french', 'cafe') ORDER BY rank DESC LIMIT 20;
