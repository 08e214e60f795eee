-- A broad network search ("cafe"): the statements the API sends (bounded count and facets, ranked page).
BEGIN;
SELECT set_config('app.tenant_id', '6303a707-c81f-39bc-bfea-bc396171ee5b', true);
WITH q AS (SELECT websearch_to_tsquery('french', immutable_unaccent('cafe')) || websearch_to_tsquery('english', immutable_unaccent('cafe')) AS query),
hits AS (SELECT l.kind, l.hs_code, coalesce(l.origin_country, '') AS origin, l.tenant_id FROM listing l, q
  WHERE l.status = 'PUBLISHED' AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now())
  AND (l.tenant_id = '6303a707-c81f-39bc-bfea-bc396171ee5b' OR (l.visibility = 'NETWORK' AND l.status = 'PUBLISHED')) AND l.search @@ q.query LIMIT 1001)
SELECT 'total', '', count(*) FROM hits
UNION ALL SELECT 'kind', kind, count(*) FROM hits GROUP BY kind
UNION ALL SELECT 'hsChapter', left(hs_code, 2), count(*) FROM hits GROUP BY 2
UNION ALL SELECT 'originCountry', origin, count(*) FROM hits GROUP BY origin
UNION ALL SELECT 'tenant', tenant_id::text, count(*) FROM hits GROUP BY tenant_id;
WITH q AS (SELECT websearch_to_tsquery('french', immutable_unaccent('cafe')) || websearch_to_tsquery('english', immutable_unaccent('cafe')) AS query),
candidates AS MATERIALIZED (SELECT l.tenant_id, l.listing_id, l.published_at, ts_rank_cd(l.search, q.query)::real AS rank FROM listing l, q
  WHERE l.status = 'PUBLISHED' AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now())
  AND (l.tenant_id = '6303a707-c81f-39bc-bfea-bc396171ee5b' OR (l.visibility = 'NETWORK' AND l.status = 'PUBLISHED')) AND l.search @@ q.query LIMIT 1001)
SELECT l.*, c.rank FROM candidates c JOIN listing l ON l.tenant_id = c.tenant_id AND l.listing_id = c.listing_id
ORDER BY c.rank DESC, c.published_at DESC, c.tenant_id DESC, c.listing_id DESC LIMIT 21;
COMMIT;
