CREATE TABLE `legacy_archives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agency_id` integer NOT NULL,
	`year` integer NOT NULL,
	`data` text NOT NULL,
	`file_name` text NOT NULL,
	`content_hash` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `legacy_archives_agency_year_idx` ON `legacy_archives` (`agency_id`,`year`,`id`);--> statement-breakpoint
CREATE INDEX `legacy_archives_year_idx` ON `legacy_archives` (`year`,`id`);