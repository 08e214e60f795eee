-- A chamber's newest page (MarketplaceSearch, scope CHAMBER, no words) as the API reads it once the chamber's
-- counts and facets are cached: the page's keys down the newest-first index and their rows, then the page's
-- companies in a second transaction (HS titles come from memory). The companies' ids come from a sub-query
-- here (the API binds them), which adds one short index walk.
BEGIN;
SELECT set_config('app.tenant_id', '6303a707-c81f-39bc-bfea-bc396171ee5b', true), set_config('plan_cache_mode', 'force_custom_plan', true);
WITH q AS (SELECT NULL::tsquery AS query, NULL::text AS plain), keys AS ((SELECT l.tenant_id, l.listing_id, l.published_at FROM listing l, q WHERE l.status = 'PUBLISHED' AND l.member_active AND (l.expires_at IS NULL OR l.expires_at > now()) AND l.tenant_id = '6303a707-c81f-39bc-bfea-bc396171ee5b' ORDER BY l.published_at DESC, l.tenant_id DESC, l.listing_id DESC LIMIT 21)) SELECT l.tenant_id, l.listing_id, l.member_id, l.kind, l.status, l.visibility, l.locale, l.hs_code, l.quantity_value, l.quantity_unit, l.price_amount, l.price_currency, l.incoterm, l.origin_country, l.published_at, l.expires_at, l.version, (SELECT jsonb_object_agg(t.locale, jsonb_build_object('title', t.title, 'description', t.description))::text FROM listing_translation t WHERE t.tenant_id = l.tenant_id AND t.listing_id = l.listing_id) AS translations, NULL::real AS rank FROM keys k JOIN listing l ON l.tenant_id = k.tenant_id AND l.listing_id = k.listing_id ORDER BY k.published_at DESC, k.tenant_id DESC, k.listing_id DESC LIMIT 21;
COMMIT;
BEGIN;
SELECT set_config('app.tenant_id', '6303a707-c81f-39bc-bfea-bc396171ee5b', true), set_config('plan_cache_mode', 'force_custom_plan', true);
SELECT m.tenant_id, m.member_id, m.name, m.legal_name, m.status, m.tier, m.verified, m.country, m.city, m.website, m.descriptions::text AS descriptions, m.version FROM member m WHERE m.tenant_id = ANY('{6303a707-c81f-39bc-bfea-bc396171ee5b}') AND m.member_id = ANY(ARRAY(SELECT l.member_id FROM listing l WHERE l.tenant_id = '6303a707-c81f-39bc-bfea-bc396171ee5b' AND l.status = 'PUBLISHED' ORDER BY l.published_at DESC LIMIT 20)) AND (m.tenant_id = '6303a707-c81f-39bc-bfea-bc396171ee5b' OR (m.status = 'ACTIVE' AND member_in_network(m.tenant_id, m.member_id)) OR member_in_contact(m.tenant_id, m.member_id));
COMMIT;
