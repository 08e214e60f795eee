-- What PortalShell-like "a chamber's 20 newest listings with member and chamber" costs in plain SQL:
-- the same statements the API sends for MarketplaceSearch (scope CHAMBER, no query), in one transaction.
BEGIN;
SELECT set_config('app.tenant_id', '6303a707-c81f-39bc-bfea-bc396171ee5b', true);
WITH q AS (SELECT NULL::tsquery AS query), hits AS (SELECT l.kind, l.hs_code, coalesce(l.origin_country, '') AS origin, l.tenant_id
  FROM listing l, q WHERE l.status = 'PUBLISHED' AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now())
  AND l.tenant_id = '6303a707-c81f-39bc-bfea-bc396171ee5b' LIMIT 1001)
SELECT 'total', '', count(*) FROM hits
UNION ALL SELECT 'kind', kind, count(*) FROM hits GROUP BY kind
UNION ALL SELECT 'hsChapter', left(hs_code, 2), count(*) FROM hits GROUP BY 2
UNION ALL SELECT 'originCountry', origin, count(*) FROM hits GROUP BY origin
UNION ALL SELECT 'tenant', tenant_id::text, count(*) FROM hits GROUP BY tenant_id;
SELECT l.*, (SELECT jsonb_object_agg(t.locale, t.title) FROM listing_translation t WHERE t.tenant_id = l.tenant_id AND t.listing_id = l.listing_id)
  FROM listing l WHERE l.status = 'PUBLISHED' AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now()) AND l.tenant_id = '6303a707-c81f-39bc-bfea-bc396171ee5b'
  ORDER BY l.published_at DESC, l.tenant_id DESC, l.listing_id DESC LIMIT 21;
COMMIT;
