// The view model of a report's page (app/(app)/reports/[id]/page.tsx): everything the page renders,
// loaded and permission-checked here — the page is guard → loader → render. Permissions come from
// the one table (lib/workflow/permissions.ts).
import { qrDataUrl } from "../../lib/office/qr";
import { publicUrl } from "../../lib/office/portal";
import type { ReportDoc } from "../../lib/data";
import type { ArchiveReference } from "../../lib/import/legacy-reference";
import type { ValidationResult } from "../../lib/rules";
import { anchorLabel as namedAnchor } from "../../lib/rules/completeness";
import { editionName, getEdition, isEditionId } from "../../lib/template";
import { formatDateTime } from "../../lib/format-date";
import type { Actor } from "../../lib/auth/access";
import { isoDateFromText } from "../../lib/workflow/backfill-date";
import { daysUntilDeadline, deadlineStanding, legalDeadline } from "../../lib/workflow/deadline";
import { canEditContent } from "../../lib/workflow/editing";
import { availableActions, may } from "../../lib/workflow/permissions";
import type { ReportStatusId } from "../../lib/workflow/status";
import type { ActionId } from "../../lib/workflow/transitions";
import { getAgency } from "../agencies";
import type { Store } from "../store";
import type { Q } from "../unit";
import { findReference, validateWithReferences } from "../reference";
import { findPreviousReport, firstPublishedAt, hasBeenPublished, isStoredDataReadable, readReportData, wasImported } from "../reports";
import { lastChanges, listAcknowledgements, listComments, warningStandings, type LastChange } from "../workflow";
import { viewableReport, type ViewOutcome } from "./outcome";

export const UNREADABLE_EDIT_REASON = "已保存的年报数据无法读取（可能已损坏），为避免覆盖原数据，暂不能编辑。请联系系统管理员从备份恢复";

export interface ReportPageView {
  report: { id: number; agencyName: string; year: number; status: ReportStatusId; edition: string; version: number; updatedAt: Date; portalUrl: string | null };
  /** 「2021 年版」…, or the unknown edition id as stored. */
  editionLabel: string;
  data: ReportDoc;
  /** The stored document could be read (else `data` is a blank draft, shown read-only). */
  readable: boolean;
  edit: { ok: true } | { ok: false; reason: string };
  validation: ValidationResult;
  previous: ReportDoc | null;
  /** Last year's archived old-style report, when that is the reference. */
  archive: (ArchiveReference & { archiveId: number }) | null;
  /** A past year's report imported from its published file (补录), not an overdue one. */
  backfill: boolean;
  standing: ReturnType<typeof deadlineStanding>;
  deadline: Date;
  last: LastChange | undefined;
  actions: { action: ActionId; label: string; needsComment: boolean }[];
  warnings: { key: string; message: string; cell: string; reason: string; confirmed: string }[];
  comments: { id: number; anchor: string; anchorLabel: string; body: string; authorName: string | null; createdAt: string; resolved: boolean }[];
  /** Open comments' bodies by anchor (shown beside the cell or section in the editor). */
  openComments: Record<string, string[]>;
  /** After 发布: the public address with its QR code. */
  published: { publicAddress: string; qr: string } | null;
  canRecordPortal: boolean;
  canResolve: boolean;
  canConfirm: boolean;
  suggestedPublishedOn: string | null;
}

/**
 * The report page of report `id` for `user`; `origin` is the site's address (for the public link).
 * Not found for an unknown id; forbidden for a report the user may not view. The data comes from
 * `store` in one data function (reportPageData); the QR code is drawn after it (asynchronously).
 */
export async function loadReportPage(store: Pick<Store, "run">, user: Actor, id: string | number, opts: { origin: string; now?: Date }): Promise<ViewOutcome<ReportPageView>> {
  const out = await store.run(reportPageData(user, id, opts));
  if (out.kind !== "ok") return out;
  const { publicAddress, ...view } = out.view;
  const published = publicAddress ? { publicAddress, qr: await qrDataUrl(publicAddress) } : null;
  return { kind: "ok", view: { ...view, published } };
}

/** Everything of the report page that comes from the database (the QR code aside). */
export function* reportPageData(
  user: Actor,
  id: string | number,
  opts: { origin: string; now?: Date },
): Q<ViewOutcome<Omit<ReportPageView, "published"> & { publicAddress: string | null }>> {
  const found = yield* viewableReport(user, id);
  if (found.kind !== "ok") return found;
  const { row, hierarchy } = found;
  const r = row.report;

  const data = readReportData(r, row.agencyName);
  const readable = isStoredDataReadable(r);
  const editable = readable ? canEditContent(user, r) : { ok: false as const, reason: UNREADABLE_EDIT_REASON };
  const edit = editable.ok ? { ok: true as const } : { ok: false as const, reason: editable.reason };
  const previous = yield* findPreviousReport(r.agencyId, r.year);
  // Last year: the statutory report, or else the archived old-style report (narrative only).
  const reference = yield* findReference(r.agencyId, r.year, previous);
  const archive = reference?.kind === "archive" ? { ...reference.reference, archiveId: reference.archiveId } : null;
  const validation = yield* validateWithReferences(r.agencyId, data, previous);
  const acks = yield* listAcknowledgements(r.id);
  // A past year's report imported from its published file is a back-fill (补录), not an overdue one;
  // its reviewer may record it as published without a new review.
  const backfill = daysUntilDeadline(r.year, opts.now) < 0 && (yield* wasImported(r.id));
  const standing = deadlineStanding(r.year, yield* firstPublishedAt(r.id), opts.now);
  const actions = availableActions(user, r, hierarchy)
    .filter((t) => t.action !== "backfillPublish" || backfill)
    .map((t) => ({ action: t.action, label: t.label, needsComment: t.needsComment === true }));
  const warnings = warningStandings(data, validation.issues, acks).map(({ key, message, cell, reason, confirmed }) => ({ key, message, cell, reason, confirmed }));

  const edition = isEditionId(r.edition) ? getEdition(r.edition) : null;
  // Anchors name the full path of a cell (表三「（三）不予公开 / 3.危及…」行「自然人」列), never a bare leaf.
  const anchorLabel = (a: string) => (edition ? namedAnchor(edition, a) : a);
  const rawComments = yield* listComments(r.id);
  const openComments: Record<string, string[]> = {};
  for (const c of rawComments) if (!c.resolvedAt) (openComments[c.anchor] ??= []).push(c.body);
  const comments = rawComments.map((c) => ({
    id: c.id,
    anchor: c.anchor,
    anchorLabel: anchorLabel(c.anchor),
    body: c.body,
    authorName: c.authorName,
    createdAt: formatDateTime(c.createdAt),
    resolved: c.resolvedAt != null,
  }));

  // After 发布: the public address with a QR code, and where the agency put it on its portal.
  const agencyCode = (yield* hasBeenPublished(r.id)) ? ((yield* getAgency(r.agencyId))?.code ?? null) : null;
  const publicAddress = agencyCode ? publicUrl(opts.origin, agencyCode, r.year) : null;
  const last = (yield* lastChanges([r.id])).get(r.id);

  return {
    kind: "ok",
    view: {
      report: { id: r.id, agencyName: row.agencyName, year: r.year, status: r.status, edition: r.edition, version: r.version, updatedAt: r.updatedAt, portalUrl: r.portalUrl },
      editionLabel: edition ? editionName(edition) : r.edition,
      data,
      readable,
      edit,
      validation,
      previous,
      archive,
      backfill,
      standing,
      deadline: legalDeadline(r.year),
      last,
      actions,
      warnings,
      comments,
      openComments,
      publicAddress,
      canRecordPortal: may("recordPortalUrl", user, r, hierarchy),
      canResolve: may("resolveComment", user, r, hierarchy),
      canConfirm: may("confirmWarning", user, r, hierarchy),
      suggestedPublishedOn: actions.some((a) => a.action === "backfillPublish") ? isoDateFromText(data.meta?.date) : null,
    },
  };
}
