-- An archived legacy report is a published record, like a report's published snapshot: once stored
-- it is never changed or removed. A corrected upload is a new row (the newest counts).
CREATE TRIGGER `legacy_archives_no_update` BEFORE UPDATE ON `legacy_archives`
BEGIN SELECT RAISE(ABORT, 'legacy_archives is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `legacy_archives_no_delete` BEFORE DELETE ON `legacy_archives`
BEGIN SELECT RAISE(ABORT, 'legacy_archives is append-only'); END;
