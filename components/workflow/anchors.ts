// Where a review comment can point: the whole report, a section, or any cell — with the cell's full
// label path (表三「（三）不予公开 / 3.危及…」行「自然人」列), never a bare leaf. Derived from the
// template in the browser by the interactive panel, which is fetched on the first interaction: the
// page no longer carries the ~230 labels as props in its first load (they were ~20 KB of its HTML).
import { cellPathLabel } from "@/lib/rules/completeness";
import { allCells, getEdition, isEditionId } from "@/lib/template";

export interface CommentAnchor {
  value: string;
  label: string;
}

/** The anchors of a report in `edition` (an unknown edition: the whole report only). */
export function commentAnchors(edition: string): CommentAnchor[] {
  const e = isEditionId(edition) ? getEdition(edition) : null;
  return [
    { value: "report", label: "整份报告" },
    ...(e?.sections.map((s) => ({ value: s.narrativeKey ? `narrative.${s.narrativeKey}` : s.key, label: s.heading })) ?? []),
    ...(e ? allCells(e).map((c) => ({ value: c.ref, label: cellPathLabel(e, c.ref) })) : []),
  ];
}
