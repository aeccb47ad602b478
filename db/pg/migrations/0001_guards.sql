-- PostgreSQL twin of the SQLite triggers of db/migrations/0001_append_only_guards.sql,
-- 0004_legacy_archives_append_only.sql and 0007_snapshot_cells.sql (db/pg/triggers.test.ts runs the
-- same attacks on both databases).
-- Audit entries, report snapshots, archived legacy reports and the snapshot cells/layouts are
-- evidence: once written they are never changed or removed, whatever code path tries to. PostgreSQL
-- also has TRUNCATE, which skips row triggers, so each table refuses it with a statement trigger.
CREATE FUNCTION "nianbao_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "report_versions_no_update" BEFORE UPDATE ON "report_versions" FOR EACH ROW EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "report_versions_no_delete" BEFORE DELETE ON "report_versions" FOR EACH ROW EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "report_versions_no_truncate" BEFORE TRUNCATE ON "report_versions" FOR EACH STATEMENT EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "legacy_archives_no_update" BEFORE UPDATE ON "legacy_archives" FOR EACH ROW EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "legacy_archives_no_delete" BEFORE DELETE ON "legacy_archives" FOR EACH ROW EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "legacy_archives_no_truncate" BEFORE TRUNCATE ON "legacy_archives" FOR EACH STATEMENT EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "snapshot_cells_no_update" BEFORE UPDATE ON "snapshot_cells" FOR EACH ROW EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "snapshot_cells_no_delete" BEFORE DELETE ON "snapshot_cells" FOR EACH ROW EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "snapshot_cells_no_truncate" BEFORE TRUNCATE ON "snapshot_cells" FOR EACH STATEMENT EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "snapshot_layouts_no_update" BEFORE UPDATE ON "snapshot_layouts" FOR EACH ROW EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "snapshot_layouts_no_delete" BEFORE DELETE ON "snapshot_layouts" FOR EACH ROW EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
CREATE TRIGGER "snapshot_layouts_no_truncate" BEFORE TRUNCATE ON "snapshot_layouts" FOR EACH STATEMENT EXECUTE FUNCTION "nianbao_append_only"();
--> statement-breakpoint
-- A published report is frozen: its data cannot change (a correction is a new revision that goes
-- through review again). Same condition as SQLite's `reports_published_frozen`.
CREATE FUNCTION "nianbao_published_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'published report is immutable' USING ERRCODE = 'P0001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "reports_published_frozen" BEFORE UPDATE OF "data" ON "reports" FOR EACH ROW
WHEN (OLD."status" = 'published' AND NEW."data" IS DISTINCT FROM OLD."data")
EXECUTE FUNCTION "nianbao_published_frozen"();
--> statement-breakpoint
-- The leaves of a JSON value in document order, as SQLite's json_tree(…) WHERE type NOT IN
-- ('object','array') lists them: the full key in SQLite's spelling ($.a.b, $."a-b", $.a[0]), the
-- JSON type, and the number's text for numbers. `json` (not jsonb) keeps the document's key order.
CREATE FUNCTION "nianbao_json_leaves"(j json, path text) RETURNS TABLE(fullkey text, jtype text, num text)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  r record;
  i integer := 0;
BEGIN
  IF j IS NULL THEN
    RETURN;
  END IF;
  CASE json_typeof(j)
  WHEN 'object' THEN
    FOR r IN SELECT e.key, e.value FROM json_each(j) AS e LOOP
      RETURN QUERY SELECT * FROM "nianbao_json_leaves"(r.value,
        path || CASE WHEN r.key ~ '^[A-Za-z][A-Za-z0-9]*$' THEN '.' || r.key ELSE '."' || r.key || '"' END);
    END LOOP;
  WHEN 'array' THEN
    FOR r IN SELECT e.value FROM json_array_elements(j) AS e LOOP
      RETURN QUERY SELECT * FROM "nianbao_json_leaves"(r.value, path || '[' || i || ']');
      i := i + 1;
    END LOOP;
  ELSE
    fullkey := path;
    jtype := json_typeof(j);
    num := CASE WHEN jtype = 'number' THEN btrim(j::text) END;
    RETURN NEXT;
  END CASE;
END
$$;
--> statement-breakpoint
-- Whenever a snapshot is inserted (whatever code inserts it): its table values into snapshot_cells,
-- in the order of its layout (snapshot_layouts, shared by all snapshots of the same shape). The text
-- of `keys` and `cells` is built exactly as SQLite's json_group_array writes it (no spaces), so a
-- layout copied from SQLite is found again by new snapshots. `nianbao db copy` sets
-- nianbao.copying = 'on' in its transaction: it copies the rows SQLite's trigger wrote, ids included.
CREATE FUNCTION "nianbao_snapshot_cells"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  doc json;
  k text;
  c text;
  lid integer;
BEGIN
  IF current_setting('nianbao.copying', true) = 'on' THEN
    RETURN NULL;
  END IF;
  BEGIN
    doc := NEW."data"::json;
  EXCEPTION WHEN others THEN
    doc := '{}'::json;
  END;
  SELECT '[' || coalesce(string_agg(to_json(l.fullkey)::text, ',' ORDER BY l.ord), '') || ']',
         '[' || coalesce(string_agg(coalesce(l.num, 'null'), ',' ORDER BY l.ord), '') || ']'
    INTO k, c
    FROM "nianbao_json_leaves"(doc -> 'tables', '$.tables') WITH ORDINALITY AS l(fullkey, jtype, num, ord);
  INSERT INTO "snapshot_layouts" ("keys") VALUES (k) ON CONFLICT (md5("keys")) DO NOTHING;
  SELECT "id" INTO lid FROM "snapshot_layouts" WHERE md5("keys") = md5(k) AND "keys" = k;
  INSERT INTO "snapshot_cells" ("snapshot_id", "report_id", "kind", "edition", "layout_id", "cells")
  VALUES (NEW."id", NEW."report_id", NEW."kind", doc ->> 'edition', lid, c);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "report_versions_snapshot_cells" AFTER INSERT ON "report_versions" FOR EACH ROW EXECUTE FUNCTION "nianbao_snapshot_cells"();
