// A rolled-up statutory table in its printed layout (the renderers' content model), each value a
// link that opens the drill-down: which agencies make up that cell. Server component: no script
// needed, the link carries the cell in the URL.
import Link from "next/link";
import type { TableContent } from "@/lib/render";
import s from "./oversight.module.css";

export function RollupTable({ table, heading, hrefFor, selected, filled }: {
  table: TableContent;
  heading: string;
  hrefFor: (cell: string) => string;
  selected?: string;
  /** How many agencies have a value in each cell. */
  filled: Record<string, number>;
}) {
  const rows = [...table.header, ...table.body];
  return (
    <div className="table-scroll">
      <table className="report-table" data-table={table.key}>
        <caption style={{ textAlign: "left", fontWeight: 600, padding: "0.3rem 0" }}>{heading}</caption>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((c) => {
                const span = { rowSpan: c.rowSpan > 1 ? c.rowSpan : undefined, colSpan: c.colSpan > 1 ? c.colSpan : undefined };
                if (c.type === "header")
                  return (
                    <th key={`${c.row}-${c.col}`} scope={c.colSpan > 1 ? "colgroup" : "col"} {...span}>
                      {c.text}
                    </th>
                  );
                if (c.type === "label")
                  return (
                    <th key={`${c.row}-${c.col}`} scope={c.rowSpan > 1 ? "rowgroup" : "row"} className="th-label" {...span}>
                      {c.text}
                    </th>
                  );
                const ref = c.cell!;
                const n = filled[ref] ?? 0;
                return (
                  <td key={`${c.row}-${c.col}`} {...span} className={`${c.derived ? s.derived : ""} ${selected === ref ? s.selected : ""}`} data-cell={ref}>
                    <Link className={s.rollupCell} href={hrefFor(ref)} scroll={false} aria-label={`${c.text === "" ? "空白" : c.text}，${n} 个单位填报，查看构成`} aria-current={selected === ref ? "true" : undefined}>
                      {c.text === "" ? <span className="muted">—</span> : c.text}
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
