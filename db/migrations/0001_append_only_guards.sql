-- Audit entries and report snapshots are evidence: once written they can never be changed or removed,
-- whatever code path (or a future bug) tries to. Published reports are likewise frozen: their data
-- cannot change; a correction is a new revision that goes through review again.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `report_versions_no_update` BEFORE UPDATE ON `report_versions`
BEGIN SELECT RAISE(ABORT, 'report_versions is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `report_versions_no_delete` BEFORE DELETE ON `report_versions`
BEGIN SELECT RAISE(ABORT, 'report_versions is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `reports_published_frozen` BEFORE UPDATE OF `data` ON `reports`
WHEN OLD.`status` = 'published' AND NEW.`data` IS NOT OLD.`data`
BEGIN SELECT RAISE(ABORT, 'published report is immutable'); END;
