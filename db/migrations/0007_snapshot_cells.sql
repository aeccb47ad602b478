-- The roll-up (汇总) of 10,000 reports read each counted snapshot's whole document (narratives
-- included, ~14 KB) to use only its table values. snapshot_cells keeps just those values of every
-- snapshot, as a flat JSON array (~0.6 KB) in the order of a layout shared by all snapshots of the
-- same shape (snapshot_layouts: the cell keys as json_tree names them), with the snapshot's kind so
-- that choosing the counted snapshot never reads report_versions either. A trigger writes them
-- whenever a snapshot is inserted — whatever code inserts it — and this migration backfills the
-- existing snapshots. Both tables are append-only, like report_versions. A covering index of reports
-- (year, agency, state) lets the roll-up choose its snapshots without reading any report row.
CREATE TABLE `snapshot_cells` (
	`snapshot_id` integer PRIMARY KEY NOT NULL,
	`report_id` integer NOT NULL,
	`kind` text NOT NULL,
	`edition` text,
	`layout_id` integer NOT NULL,
	`cells` text NOT NULL,
	FOREIGN KEY (`snapshot_id`) REFERENCES `report_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`layout_id`) REFERENCES `snapshot_layouts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `snapshot_cells_report_kind_idx` ON `snapshot_cells` (`report_id`,`kind`,`snapshot_id`);--> statement-breakpoint
CREATE TABLE `snapshot_layouts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`keys` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `snapshot_layouts_keys_unique` ON `snapshot_layouts` (`keys`);--> statement-breakpoint
CREATE INDEX `reports_year_agency_status_idx` ON `reports` (`year`,`agency_id`,`status`);
--> statement-breakpoint
INSERT OR IGNORE INTO `snapshot_layouts` (`keys`) SELECT DISTINCT (SELECT json_group_array(fullkey ORDER BY id) FROM json_tree(CASE WHEN json_valid(v.`data`) THEN v.`data` ELSE '{}' END, '$.tables') WHERE type NOT IN ('object', 'array')) FROM `report_versions` v;
--> statement-breakpoint
INSERT INTO `snapshot_cells` (`snapshot_id`, `report_id`, `kind`, `edition`, `layout_id`, `cells`)
SELECT v.`id`, v.`report_id`, v.`kind`, (CASE WHEN json_valid(v.`data`) THEN json_extract(v.`data`, '$.edition') END),
  (SELECT l.`id` FROM `snapshot_layouts` l WHERE l.`keys` = (SELECT json_group_array(fullkey ORDER BY id) FROM json_tree(CASE WHEN json_valid(v.`data`) THEN v.`data` ELSE '{}' END, '$.tables') WHERE type NOT IN ('object', 'array'))),
  (SELECT json_group_array(CASE WHEN type IN ('integer', 'real') THEN value END ORDER BY id) FROM json_tree(CASE WHEN json_valid(v.`data`) THEN v.`data` ELSE '{}' END, '$.tables') WHERE type NOT IN ('object', 'array'))
FROM `report_versions` v;
--> statement-breakpoint
CREATE TRIGGER `report_versions_snapshot_cells` AFTER INSERT ON `report_versions`
BEGIN
  INSERT OR IGNORE INTO `snapshot_layouts` (`keys`) VALUES ((SELECT json_group_array(fullkey ORDER BY id) FROM json_tree(CASE WHEN json_valid(NEW.`data`) THEN NEW.`data` ELSE '{}' END, '$.tables') WHERE type NOT IN ('object', 'array')));
  INSERT INTO `snapshot_cells` (`snapshot_id`, `report_id`, `kind`, `edition`, `layout_id`, `cells`) VALUES (
    NEW.`id`, NEW.`report_id`, NEW.`kind`, (CASE WHEN json_valid(NEW.`data`) THEN json_extract(NEW.`data`, '$.edition') END),
    (SELECT l.`id` FROM `snapshot_layouts` l WHERE l.`keys` = (SELECT json_group_array(fullkey ORDER BY id) FROM json_tree(CASE WHEN json_valid(NEW.`data`) THEN NEW.`data` ELSE '{}' END, '$.tables') WHERE type NOT IN ('object', 'array'))),
    (SELECT json_group_array(CASE WHEN type IN ('integer', 'real') THEN value END ORDER BY id) FROM json_tree(CASE WHEN json_valid(NEW.`data`) THEN NEW.`data` ELSE '{}' END, '$.tables') WHERE type NOT IN ('object', 'array'))
  );
END;
--> statement-breakpoint
CREATE TRIGGER `snapshot_cells_no_update` BEFORE UPDATE ON `snapshot_cells`
BEGIN SELECT RAISE(ABORT, 'snapshot_cells is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `snapshot_cells_no_delete` BEFORE DELETE ON `snapshot_cells`
BEGIN SELECT RAISE(ABORT, 'snapshot_cells is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `snapshot_layouts_no_update` BEFORE UPDATE ON `snapshot_layouts`
BEGIN SELECT RAISE(ABORT, 'snapshot_layouts is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `snapshot_layouts_no_delete` BEFORE DELETE ON `snapshot_layouts`
BEGIN SELECT RAISE(ABORT, 'snapshot_layouts is append-only'); END;
