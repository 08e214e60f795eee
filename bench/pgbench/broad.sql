-- A broad network search ("cafe") when its result is not cached: the total and facets over the first 1,000
-- matches, then the ranking of those matches (the API keeps both for 30 s and cuts every page from the ranking).
BEGIN;
SELECT set_config('app.tenant_id', '6303a707-c81f-39bc-bfea-bc396171ee5b', true), set_config('plan_cache_mode', 'force_custom_plan', true);
WITH q AS (SELECT websearch_to_tsquery('french', immutable_unaccent('cafe')) || websearch_to_tsquery('english', immutable_unaccent('cafe')) AS query),
hits AS (SELECT l.kind, l.hs_code, coalesce(l.origin_country, '') AS origin, l.tenant_id FROM listing l, q
  WHERE l.status = 'PUBLISHED' AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now()) AND (l.tenant_id = '6303a707-c81f-39bc-bfea-bc396171ee5b' OR (l.visibility = 'NETWORK' AND l.status = 'PUBLISHED')) AND l.search @@ q.query LIMIT 1001)
SELECT 'total', '', count(*) FROM hits
UNION ALL SELECT 'kind', kind, count(*) FROM hits GROUP BY kind
UNION ALL SELECT 'hsChapter', left(hs_code, 2), count(*) FROM hits GROUP BY 2
UNION ALL SELECT 'originCountry', origin, count(*) FROM hits GROUP BY origin
UNION ALL SELECT 'tenant', tenant_id::text, count(*) FROM hits GROUP BY tenant_id;
WITH q AS (SELECT websearch_to_tsquery('french', immutable_unaccent('cafe')) || websearch_to_tsquery('english', immutable_unaccent('cafe')) AS query)
SELECT l.tenant_id, l.listing_id, l.published_at, ts_rank_cd(l.search, q.query)::real AS rank FROM listing l, q
  WHERE l.status = 'PUBLISHED' AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now()) AND (l.tenant_id = '6303a707-c81f-39bc-bfea-bc396171ee5b' OR (l.visibility = 'NETWORK' AND l.status = 'PUBLISHED')) AND l.search @@ q.query LIMIT 1001;
COMMIT;
