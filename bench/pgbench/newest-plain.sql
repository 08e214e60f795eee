-- The physical floor the issue quotes: a chamber's 20 newest listings with member and chamber, one statement.
SELECT l.listing_id, l.kind, l.hs_code, l.published_at, m.name, t.slug, t.name
FROM listing l JOIN member m ON m.tenant_id = l.tenant_id AND m.member_id = l.member_id
JOIN tenant t ON t.tenant_id = l.tenant_id
WHERE l.tenant_id = '6303a707-c81f-39bc-bfea-bc396171ee5b' AND l.status = 'PUBLISHED'
ORDER BY l.published_at DESC LIMIT 20;
