CREATE TABLE `warning_acks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`rule` text NOT NULL,
	`cell` text NOT NULL,
	`fingerprint` text NOT NULL,
	`reason` text NOT NULL,
	`kind` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `warning_acks_report_idx` ON `warning_acks` (`report_id`,`rule`,`cell`);