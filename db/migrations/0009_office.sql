-- Issue 16 (ready for a real office): 催办 with in-app notices, the portal URL where a report was
-- published (回填发布地址), and an optional e-mail address per user for 催办 mail.
CREATE TABLE `urges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agency_id` integer NOT NULL,
	`year` integer NOT NULL,
	`report_id` integer,
	`message` text NOT NULL,
	`sender_id` integer NOT NULL,
	`recipients` integer DEFAULT 0 NOT NULL,
	`mailed` integer,
	`mail_error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sender_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `urges_agency_year_idx` ON `urges` (`agency_id`,`year`,`id`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`urge_id` integer,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`href` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`urge_id`) REFERENCES `urges`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notices_user_idx` ON `notices` (`user_id`,`read_at`,`id`);--> statement-breakpoint
ALTER TABLE `reports` ADD `portal_url` text;--> statement-breakpoint
ALTER TABLE `users` ADD `email` text;
