-- Search at network scale (1M listings): what the measurements of the generated database asked for.

-- 1. Whether the listing's company is ACTIVE, kept on the listing by a trigger in the transaction
--    that changes the company's status, so search needs no join with member: a suspended company's
--    listings leave search at once, and come back when it is reinstated.
ALTER TABLE listing ADD COLUMN member_active boolean NOT NULL DEFAULT true;
UPDATE listing l SET member_active = (m.status = 'ACTIVE')
FROM member m WHERE m.tenant_id = l.tenant_id AND m.member_id = l.member_id AND m.status <> 'ACTIVE';

CREATE FUNCTION listing_follow_member_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE listing SET member_active = (NEW.status = 'ACTIVE')
  WHERE tenant_id = NEW.tenant_id AND member_id = NEW.member_id AND member_active <> (NEW.status = 'ACTIVE');
  RETURN NEW;
END
$$;
CREATE TRIGGER member_status_to_listings AFTER UPDATE OF status ON member
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION listing_follow_member_status();
-- new listings of a company that is not active (drafts of a PENDING company) start out of search
CREATE FUNCTION listing_member_active_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.member_active := EXISTS (SELECT 1 FROM member m WHERE m.tenant_id = NEW.tenant_id
                                 AND m.member_id = NEW.member_id AND m.status = 'ACTIVE');
  RETURN NEW;
END
$$;
CREATE TRIGGER listing_member_active BEFORE INSERT ON listing
  FOR EACH ROW EXECUTE FUNCTION listing_member_active_on_insert();

-- 2. Under row-level security, a condition the query adds can only use an index when its operator is
--    leakproof (else it waits until the policies have filtered every row): full-text match (@@) and the
--    prefix match of HS codes are not, out of the box, so every search read the whole table. They raise
--    no error that depends on the data, so they are marked leakproof. That needs a superuser: on a
--    server where migrations do not run as one, a DBA runs these two statements (README).
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF;
    ALTER FUNCTION pg_catalog.textlike(text, text) LEAKPROOF;
  ELSE
    RAISE WARNING 'Not a superuser: ask a DBA to mark ts_match_vq(tsvector, tsquery) and textlike(text, text) LEAKPROOF, or searches will scan';
  END IF;
END
$$;
