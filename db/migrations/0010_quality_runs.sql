-- 年报质量检查 (issue 18): a check run of a supervising office over its subordinates' published
-- reports of one year, its items (one report each: a nianbao publication or an uploaded file, kept
-- with its bytes so that an interrupted run can resume after a restart) and their findings.
-- Progress lives here, not in a process's memory: `status`/`done` of the run and `status` of each
-- item are what the page polls and what a restarted server resumes from.
CREATE TABLE `quality_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`office_id` integer,
	`created_by` integer NOT NULL,
	`status` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`message` text,
	`scheme` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`heartbeat_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`office_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "quality_runs_status_check" CHECK("quality_runs"."status" in ('running','done','failed','cancelled'))
);
--> statement-breakpoint
CREATE INDEX `quality_runs_office_idx` ON `quality_runs` (`office_id`,`id`);
--> statement-breakpoint
CREATE INDEX `quality_runs_status_idx` ON `quality_runs` (`status`);
--> statement-breakpoint
CREATE TABLE `quality_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`source` text NOT NULL,
	`file_name` text,
	`file_bytes` blob,
	`url` text,
	`snapshot_id` integer,
	`agency_id` integer,
	`match_confidence` text,
	`match_reason` text,
	`document_agency` text,
	`entered_date` text,
	`status` text NOT NULL,
	`report` text,
	`edition` text,
	`date` text,
	`date_source` text,
	`score` real,
	`breakdown` text,
	FOREIGN KEY (`run_id`) REFERENCES `quality_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`snapshot_id`) REFERENCES `report_versions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "quality_items_status_check" CHECK("quality_items"."status" in ('pending','done','superseded'))
);
--> statement-breakpoint
CREATE INDEX `quality_items_run_idx` ON `quality_items` (`run_id`,`status`,`id`);
--> statement-breakpoint
CREATE TABLE `quality_findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`rule` text NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`phase` text NOT NULL,
	`finding` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `quality_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `quality_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quality_findings_item_idx` ON `quality_findings` (`item_id`,`id`);
--> statement-breakpoint
CREATE INDEX `quality_findings_run_kind_idx` ON `quality_findings` (`run_id`,`kind`);
