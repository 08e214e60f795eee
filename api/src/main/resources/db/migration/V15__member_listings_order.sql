-- A company's listings, newest first (Member.listings: published ones by publication, drafts by creation),
-- walked in index order: a company with thousands of listings (the benchmark's writer has 9,000) read them
-- all and sorted them for each page of ten.
CREATE INDEX listing_member_newest ON listing (tenant_id, member_id, (coalesce(published_at, created_at)) DESC, listing_id DESC);
