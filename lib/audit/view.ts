// Trail rows (as db/audit.ts reads them) → the entries the pages and the .xlsx export show.
import { formatDateTime } from "../format-date";
import { auditSubject, describeTrail, type AuditRowInput, type SubjectFields } from "./describe";
import type { AuditSheetEntry } from "./xlsx";

export type TrailRow = AuditRowInput & SubjectFields & { entityId: number | null; actorLogin: string | null };

export interface TrailEntry extends AuditSheetEntry {
  key: string;
  /** The report's history page, for entries about a report. */
  href: string | null;
  /** How many stored rows the entry stands for (a run of autosaves is one entry). */
  count: number;
  /** The oldest stored id of the entry (where the next page starts). */
  oldestId: number;
}

/** `filtered`: the rows are a selection by event or person (runs of saves are then not merged). */
export function trailEntries(rows: readonly TrailRow[], filtered = false): TrailEntry[] {
  return describeTrail(rows, auditSubject, { coalesce: !filtered }).map((d) => {
    const subject = auditSubject(d.last);
    const at = d.rows.length > 1 ? `${formatDateTime(d.first.at)} — ${formatDateTime(d.last.at)}` : formatDateTime(d.last.at);
    return {
      key: `${d.last.id}-${d.first.id}`,
      at,
      actor: d.last.actorName ?? "系统",
      login: d.last.actorLogin ?? "",
      event: d.event,
      subject: subject.label ?? "",
      headline: d.headline,
      details: d.details,
      href: d.last.entityType === "report" && d.last.entityId != null ? `/reports/${d.last.entityId}/history` : null,
      count: d.rows.length,
      oldestId: d.first.id,
    };
  });
}
