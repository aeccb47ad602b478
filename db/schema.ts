// The database schema (drizzle, SQLite). Generated migrations live in db/migrations and are applied
// at start-up by db/client.ts. Audit and approval data never cascade-delete: rows that reference a
// report or a user keep pointing at it, and nothing in the app deletes those parents.
import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);
const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const agencies = sqliteTable(
  "agencies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    /** Short ASCII code used in public URLs: /p/<code>/<year>. */
    code: text("code").notNull(),
    /** The supervising agency (政务公开主管部门) one level up; null for a top of a hierarchy. */
    parentId: integer("parent_id").references((): AnySQLiteColumn => agencies.id),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("agencies_code_unique").on(t.code),
    uniqueIndex("agencies_name_unique").on(t.name),
    index("agencies_parent_idx").on(t.parentId),
  ],
);

export const ROLES = ["drafter", "reviewer", "supervisor", "admin"] as const;

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Login name, stored lower-case; unique. */
    login: text("login").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** Admins may have no agency; every other role belongs to exactly one. */
    agencyId: integer("agency_id").references(() => agencies.id),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** Set for an account whose password someone else chose (the first admin of a production start):
     * the user is sent to 修改密码 until they choose their own. */
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    /** Where 催办 notices are also e-mailed when an SMTP server is configured; optional. */
    email: text("email"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_login_unique").on(t.login),
    index("users_agency_idx").on(t.agencyId),
    check("users_role_check", sql`${t.role} in ('drafter','reviewer','supervisor','admin')`),
    check("users_agency_check", sql`${t.role} = 'admin' or ${t.agencyId} is not null`),
  ],
);

export const REPORT_STATUSES = ["draft", "submitted", "returned", "approved", "published"] as const;

export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    year: integer("year").notNull(),
    edition: text("edition").notNull(),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("draft"),
    /** The report as a `nianbao/report@1` JSON document. */
    data: text("data").notNull(),
    /** Optimistic concurrency: every accepted save increments it; a save must name the version it edited. */
    version: integer("version").notNull().default(1),
    /** Where the agency published the report on its own portal (回填发布地址), an http(s) URL; null until recorded. */
    portalUrl: text("portal_url"),
    createdBy: integer("created_by").references(() => users.id),
    updatedBy: integer("updated_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("reports_agency_year_unique").on(t.agencyId, t.year),
    index("reports_year_idx").on(t.year),
    // Covers the roll-up's and dashboard's "reports of a year with agency and state" without reading
    // the rows (each holds a whole document).
    index("reports_year_agency_status_idx").on(t.year, t.agencyId, t.status),
    check(
      "reports_status_check",
      sql`${t.status} in ('draft','submitted','returned','approved','published')`,
    ),
  ],
);

/** Immutable snapshots of a report (at submit, return, approve, publish …). Never updated or deleted. */
export const reportVersions = sqliteTable(
  "report_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    /** The report's version counter at the moment of the snapshot. */
    reportVersion: integer("report_version").notNull(),
    /** Why the snapshot was taken: submit, return, approve, publish, revision … */
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    data: text("data").notNull(),
    /** SHA-256 of `data`, so a published file can be proven to be what was approved. */
    contentHash: text("content_hash").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    /**
     * A back-filled (补录) publication: a past year's report imported from the file the agency
     * published elsewhere, marked published here without a review. `publishedOn` is the date the
     * user gave for that publication (YYYY-MM-DD), or null when unknown; `createdAt` stays the
     * moment it was recorded here.
     */
    backfill: integer("backfill", { mode: "boolean" }).notNull().default(false),
    publishedOn: text("published_on"),
  },
  (t) => [index("report_versions_report_idx").on(t.reportId, t.id)],
);

/**
 * The shape of a snapshot's statutory tables: the cell keys (`$.tables.<table>.<row>.<column>`, as
 * SQLite's json_tree names them) in document order, one row per distinct shape (a handful: one per
 * edition). Written only by the trigger of migration 0007; append-only.
 */
export const snapshotLayouts = sqliteTable(
  "snapshot_layouts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** JSON array of the cell keys, in the order of `snapshot_cells.cells`. */
    keys: text("keys").notNull(),
  },
  (t) => [uniqueIndex("snapshot_layouts_keys_unique").on(t.keys)],
);

/**
 * What the roll-up reads of a snapshot: only its table values, as a flat JSON array in the order of
 * its layout (~0.6 KB instead of the whole ~14 KB document). Written by a trigger whenever a
 * snapshot is inserted (whatever code inserts it), backfilled for existing snapshots by migration
 * 0007; append-only like the snapshots themselves.
 */
export const snapshotCells = sqliteTable(
  "snapshot_cells",
  {
    snapshotId: integer("snapshot_id")
      .primaryKey()
      .references(() => reportVersions.id),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    /** The snapshot's kind (approve, publish, …), copied so the roll-up never touches report_versions. */
    kind: text("kind").notNull(),
    edition: text("edition"),
    layoutId: integer("layout_id")
      .notNull()
      .references(() => snapshotLayouts.id),
    /** JSON array of numbers and nulls (a blank cell, or anything that is not a number). */
    cells: text("cells").notNull(),
  },
  (t) => [index("snapshot_cells_report_kind_idx").on(t.reportId, t.kind, t.snapshotId)],
);

export const reviewComments = sqliteTable(
  "review_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    /** A section key (e.g. `narrative.overview`) or a cell reference `table.row.column`. */
    anchor: text("anchor").notNull(),
    body: text("body").notNull(),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    resolvedBy: integer("resolved_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("review_comments_report_idx").on(t.reportId)],
);

/**
 * A warning someone has verified as correct, with the reason. Bound to a fingerprint of the values
 * of every cell the warning involves: when any of them changes, the acknowledgement no longer
 * applies (it is kept as history, never deleted).
 */
export const warningAcks = sqliteTable(
  "warning_acks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    rule: text("rule").notNull(),
    cell: text("cell").notNull(),
    fingerprint: text("fingerprint").notNull(),
    reason: text("reason").notNull(),
    /** "drafter": acknowledged when submitting; "reviewer": confirmed by the reviewer. */
    kind: text("kind").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("warning_acks_report_idx").on(t.reportId, t.rule, t.cell)],
);

/**
 * Published reports of the years before the statutory format (and later ones still written in the
 * old free style, seed 000), archived as uploaded: a `nianbao/legacy-report@1` document. They are
 * a published record, so rows are never changed or deleted (triggers in migration 0004): uploading
 * the same agency and year again adds a newer row, which then counts; the older stays listed.
 */
export const legacyArchives = sqliteTable(
  "legacy_archives",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    year: integer("year").notNull(),
    /** The archive as a `nianbao/legacy-report@1` JSON document. */
    data: text("data").notNull(),
    /** The uploaded file's name, as given. */
    fileName: text("file_name").notNull(),
    /** SHA-256 of `data`. */
    contentHash: text("content_hash").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("legacy_archives_agency_year_idx").on(t.agencyId, t.year, t.id), index("legacy_archives_year_idx").on(t.year, t.id)],
);

/** Append-only: the app never updates or deletes audit rows (a trigger in the migration enforces it). */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    actorId: integer("actor_id").references(() => users.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: integer("entity_id"),
    /** The agency the entry concerns, for scoping who may read it. */
    agencyId: integer("agency_id").references(() => agencies.id),
    before: text("before"),
    after: text("after"),
  },
  (t) => [
    index("audit_entity_idx").on(t.entityType, t.entityId),
    index("audit_agency_idx").on(t.agencyId, t.at),
  ],
);

/**
 * Failed sign-in attempts per throttle key, for throttling. Survives restarts. The column is still
 * called `login` (migration 0005 kept the table) but holds a key of lib/auth/throttle.ts:
 * `la:<login>@<address>`, `a:<address>` or `l:<login>`.
 */
export const loginAttempts = sqliteTable("login_attempts", {
  login: text("login").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: integer("last_failure_at", { mode: "timestamp_ms" }),
  lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
});

/**
 * Server-side sessions: one row per sign-in. The session cookie (next-auth's JWT) carries only the
 * row's id; app/_server/session.ts accepts a cookie only while its row is neither revoked nor past
 * `expires_at` (8 hours after sign-in, never extended). Sign-out revokes the row; a password reset,
 * disabling the account and 「退出所有设备」 revoke every row of the user.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    /** 256 random bits, base64url. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * A 催办 (reminder) the supervising office sent to one agency about its report of a year: recorded
 * with its time and sender, shown on the dashboard; each drafter and reviewer of the agency gets a
 * notice. `mailed`/`mailError` record the optional e-mail delivery (SMTP), filled in after sending.
 */
export const urges = sqliteTable(
  "urges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    year: integer("year").notNull(),
    reportId: integer("report_id").references(() => reports.id),
    message: text("message").notNull(),
    senderId: integer("sender_id")
      .notNull()
      .references(() => users.id),
    /** How many in-app notices were created (the agency's active drafters and reviewers). */
    recipients: integer("recipients").notNull().default(0),
    /** E-mails accepted by the SMTP server; null while not attempted (no SMTP configured, or no address). */
    mailed: integer("mailed"),
    mailError: text("mail_error"),
    createdAt: createdAt(),
  },
  (t) => [index("urges_agency_year_idx").on(t.agencyId, t.year, t.id)],
);

/** An in-app notice to one user (today: a 催办). Read when the user opens it or marks it read. */
export const notices = sqliteTable(
  "notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    urgeId: integer("urge_id").references(() => urges.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** A same-origin path the notice points at (the report), or null. */
    href: text("href"),
    createdAt: createdAt(),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("notices_user_idx").on(t.userId, t.readAt, t.id)],
);

export type Agency = typeof agencies.$inferSelect;
export type User = typeof users.$inferSelect;
export type Report = typeof reports.$inferSelect;
export type Role = (typeof ROLES)[number];
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type LegacyArchive = typeof legacyArchives.$inferSelect;
