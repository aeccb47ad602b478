// The jurisdiction's 依申请公开 year over year (issue 18 §5, the dashboard chart): per report year,
// the applications received and the outcomes (三、本年度办理结果, grouped as the template groups
// them: 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理), from the roll-up of the
// published reports. Labels come from the template (lib/template), not from here.
import type { ReportDoc } from "../data";
import { getEdition, plainLabel, tableRows } from "../template";

export interface TrendData {
  categories: string[];
  series: { name: string; values: number[] }[];
}

function outcomeGroups(doc: ReportDoc): { label: string; rows: string[] }[] {
  const table = getEdition(doc.edition).tables.applications;
  const groups = new Map<string, string[]>();
  for (const { row } of tableRows(table)) {
    if (row.derived || !row.groups?.length) continue;
    const top = row.groups[0]!;
    if (!top.label.startsWith("三、")) continue;
    const label = row.groups[1] ? plainLabel(row.groups[1]) : plainLabel(row);
    groups.set(label, [...(groups.get(label) ?? []), row.key]);
  }
  return [...groups].map(([label, rows]) => ({ label: label.replace(/^（[一二三四五六七八九十]+）/, ""), rows }));
}

/** `years` oldest first; a year without any published report is left out. */
export function applicationTrend(years: readonly { year: number; doc: ReportDoc; reports: number }[]): TrendData {
  const used = years.filter((y) => y.reports > 0);
  const received = tableRows(getEdition("2021").tables.applications).find((r) => r.row.key === "received")?.row;
  const names: string[] = [];
  const byName = new Map<string, number[]>();
  used.forEach((y, k) => {
    const t = y.doc.tables.applications;
    const put = (name: string, v: number) => {
      if (!byName.has(name)) {
        byName.set(name, new Array<number>(used.length).fill(0));
        names.push(name);
      }
      byName.get(name)![k] = v;
    };
    // 「一（本年新收）」 → 本年新收
    put(received?.shortLabel?.replace(/^[一二三四]（|）$/g, "") ?? "本年新收", t.received?.total ?? 0);
    for (const g of outcomeGroups(y.doc)) put(g.label, g.rows.reduce((s, r) => s + (t[r]?.total ?? 0), 0));
  });
  return { categories: used.map((y) => `${y.year}年`), series: names.map((name) => ({ name, values: byName.get(name)! })) };
}
