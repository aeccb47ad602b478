-- A back-filled (补录) publication keeps the date on which the agency really published the report
-- elsewhere (or none, when the user does not know it), instead of showing the moment it was recorded
-- here as its publication time. Adding columns does not touch the append-only guards of
-- report_versions (they refuse UPDATE and DELETE of rows).
ALTER TABLE `report_versions` ADD `backfill` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `report_versions` ADD `published_on` text;
