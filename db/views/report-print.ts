// The view model of a report's 送审稿 print view (app/(app)/reports/[id]/print/page.tsx): the
// report in its official layout and who took its submit, approve and publish steps.
import type { Actor } from "../../lib/auth/access";
import { headerFields } from "../../lib/data/header-fields";
import { renderReportBody } from "../../lib/render";
import { isEditionId } from "../../lib/template";
import type { ReportStatusId } from "../../lib/workflow/status";
import { readReportData, stepActors } from "../reports";
import type { Q } from "../unit";
import { viewableReport, type ViewOutcome } from "./outcome";

const chinaDate = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" });

type Person = { name: string | null; date: string | null };

export interface PrintView {
  report: { id: number; status: ReportStatusId; version: number; edition: string };
  /** 拟稿人 (submit), 审核人 (approve), 签发人 (publish), with the day in China. */
  drafter: Person;
  reviewer: Person;
  issuer: Person;
  head: ReturnType<typeof headerFields>;
  /** The renderer's HTML of the report body (escaped), or null for an unknown edition. */
  body: string | null;
}

export function* loadReportPrint(user: Actor, id: string | number): Q<ViewOutcome<PrintView>> {
  const found = yield* viewableReport(user, id);
  if (found.kind !== "ok") return found;
  const { row } = found;
  const r = row.report;
  const doc = readReportData(r, row.agencyName);
  const steps = yield* stepActors(r.id);
  const person = (s: { name: string; at: Date } | null): Person => ({ name: s?.name ?? null, date: s ? chinaDate.format(s.at) : null });
  return {
    kind: "ok",
    view: {
      report: { id: r.id, status: r.status, version: r.version, edition: r.edition },
      drafter: person(steps.submit),
      reviewer: person(steps.approve),
      issuer: person(steps.publish),
      head: headerFields(doc),
      body: isEditionId(r.edition) ? renderReportBody(doc, { idPrefix: "print" }) : null,
    },
  };
}
