-- What changes a public page (listings, their translations, companies, chambers) tells every instance's
-- response cache, through NOTIFY on channel comptoir_public_changed, from the writing transaction itself:
-- it leaves on commit only, and identical payloads of one transaction leave once. Statement-level
-- triggers with transition tables: a bulk write sends one payload per chamber per statement, none when
-- it changes no row (the expiry job). Payload 'C <tenant>': only that chamber's pages can show the change;
-- 'N <tenant>': network pages of every chamber can too (a NETWORK listing, its company, the chamber).
-- 'N' and '*' (which an operator may send after a manual bulk change) invalidate every cached page.
CREATE FUNCTION public_pages_notify(p_tenant uuid, p_network boolean) RETURNS void
  LANGUAGE sql VOLATILE
BEGIN ATOMIC
  SELECT pg_catalog.pg_notify('comptoir_public_changed', CASE WHEN p_network THEN 'N ' ELSE 'C ' END || p_tenant::text);
END;

-- A listing shows on other chambers' pages only when it is (or was) NETWORK.
CREATE FUNCTION listing_public_changed() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, ${flyway:defaultSchema}, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM public_pages_notify(tenant_id, bool_or(visibility = 'NETWORK')) FROM new_rows GROUP BY tenant_id;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM public_pages_notify(tenant_id, bool_or(visibility = 'NETWORK'))
    FROM (SELECT tenant_id, visibility FROM new_rows UNION ALL SELECT tenant_id, visibility FROM old_rows) c
    GROUP BY tenant_id;
  ELSE
    PERFORM public_pages_notify(tenant_id, bool_or(visibility = 'NETWORK')) FROM old_rows GROUP BY tenant_id;
  END IF;
  RETURN NULL;
END
$$;

-- A translation (or a company, its sectors and registrations) reaches the network through NETWORK listings.
CREATE FUNCTION listing_translation_public_changed() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, ${flyway:defaultSchema}, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM public_pages_notify(c.tenant_id, bool_or(EXISTS (SELECT 1 FROM listing l WHERE l.tenant_id = c.tenant_id
                                  AND l.listing_id = c.listing_id AND l.visibility = 'NETWORK')))
    FROM old_rows c GROUP BY c.tenant_id;
  ELSE
    PERFORM public_pages_notify(c.tenant_id, bool_or(EXISTS (SELECT 1 FROM listing l WHERE l.tenant_id = c.tenant_id
                                  AND l.listing_id = c.listing_id AND l.visibility = 'NETWORK')))
    FROM new_rows c GROUP BY c.tenant_id;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION member_public_changed() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, ${flyway:defaultSchema}, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM public_pages_notify(c.tenant_id, bool_or(EXISTS (SELECT 1 FROM listing l WHERE l.tenant_id = c.tenant_id
                                  AND l.member_id = c.member_id AND l.visibility = 'NETWORK')))
    FROM old_rows c GROUP BY c.tenant_id;
  ELSE
    PERFORM public_pages_notify(c.tenant_id, bool_or(EXISTS (SELECT 1 FROM listing l WHERE l.tenant_id = c.tenant_id
                                  AND l.member_id = c.member_id AND l.visibility = 'NETWORK')))
    FROM new_rows c GROUP BY c.tenant_id;
  END IF;
  RETURN NULL;
END
$$;

-- A chamber's name, branding and settings show on network pages and in the network directory.
CREATE FUNCTION tenant_public_changed() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, ${flyway:defaultSchema}, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM public_pages_notify(tenant_id, true) FROM old_rows;
  ELSE
    PERFORM public_pages_notify(tenant_id, true) FROM new_rows;
  END IF;
  RETURN NULL;
END
$$;

-- PostgreSQL takes transition tables on one-event triggers only: one trigger per event. An UPDATE's old
-- rows tell what a page showed before (a listing no longer NETWORK); the new ones suffice for the others.
CREATE TRIGGER listing_public_changed_insert AFTER INSERT ON listing
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_public_changed();
CREATE TRIGGER listing_public_changed_update AFTER UPDATE ON listing
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_public_changed();
CREATE TRIGGER listing_public_changed_delete AFTER DELETE ON listing
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_public_changed();

DO $$
DECLARE
  t text;
  f text;
BEGIN
  FOREACH t IN ARRAY ARRAY['listing_translation', 'member', 'member_sector', 'member_registration', 'tenant'] LOOP
    f := CASE t WHEN 'listing_translation' THEN 'listing_translation_public_changed'
                WHEN 'tenant' THEN 'tenant_public_changed' ELSE 'member_public_changed' END;
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_public_changed_insert', t, f);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_public_changed_update', t, f);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_public_changed_delete', t, f);
  END LOOP;
END
$$;
