-- PostgreSQL twin of db/migrations/0012_backfill_publication_date.sql (a back-filled publication and
-- its real date on the snapshot). Adding columns fires no UPDATE trigger: the guards stay as they are.
ALTER TABLE "report_versions" ADD COLUMN "backfill" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "report_versions" ADD COLUMN "published_on" text;