import { describe, expect, it } from "vitest";
import { EDITIONS, TABLE_KEYS, allCells, getEdition, tableLayout, type LayoutCell } from "./index";

/**
 * Places the cells of a section (header or body) on the grid like an HTML table does, and returns
 * how often each slot is covered. Independent of the layout code: it only reads rowSpan/colSpan.
 */
function coverage(rows: readonly (readonly LayoutCell[])[], width: number): number[][] {
  const grid: number[][] = rows.map(() => Array<number>(width).fill(0));
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (col < width && grid[r]![col]! > 0) col++; // skip slots taken by rowSpans from above
      const rs = cell.rowSpan ?? 1;
      const cs = cell.colSpan ?? 1;
      for (let dr = 0; dr < rs; dr++) {
        for (let dc = 0; dc < cs; dc++) {
          const line = grid[r + dr];
          if (line === undefined) throw new Error(`row ${r}: rowSpan ${rs} runs past the section`);
          line[col + dc] = (line[col + dc] ?? 0) + 1;
        }
      }
      col += cs;
    }
  });
  return grid;
}

describe.each(EDITIONS.flatMap((e) => TABLE_KEYS.map((t) => [e.id, t] as const)))("layout %s %s", (id, t) => {
  const e = getEdition(id);
  const layout = tableLayout(e, t);

  it("covers every grid slot exactly once, in the header and in the body", () => {
    for (const section of [layout.header, layout.body]) {
      const grid = coverage(section, layout.gridColumns);
      for (const line of grid) {
        expect(line).toHaveLength(layout.gridColumns);
        expect(line.every((n) => n === 1), JSON.stringify(line)).toBe(true);
      }
    }
  });

  it("has one value cell per cell of the table, in document order", () => {
    const values = [...layout.header, ...layout.body].flat().filter((c) => c.type === "value").map((c) => c.cell);
    expect(values).toEqual(allCells(e).filter((c) => c.table === t).map((c) => c.ref));
  });

  it("marks exactly the derived cells as derived", () => {
    const marked = layout.body.flat().filter((c) => c.derived).map((c) => c.cell);
    expect(marked).toEqual(allCells(e).filter((c) => c.table === t && c.derived).map((c) => c.ref));
  });

  it("is frozen (shared between callers)", () => {
    expect(Object.isFrozen(layout.body)).toBe(true);
    expect(Object.isFrozen(layout.body[0]![0])).toBe(true);
  });
});

const text = (c: LayoutCell | undefined) => c?.text;
const spans = (c: LayoutCell | undefined) => ({ text: c?.text, rowSpan: c?.rowSpan ?? 1, colSpan: c?.colSpan ?? 1 });

describe("table 三 merges (format-2021.md §5.2, format-2019.md §3.2)", () => {
  for (const [id, resultsSpan] of [["2021", 22], ["2019", 20]] as const) {
    const l = tableLayout(getEdition(id), "applications");
    it(`${id}: header`, () => {
      expect(l.gridColumns).toBe(10);
      expect(l.header).toHaveLength(3);
      expect(spans(l.header[0]![0])).toEqual({ text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowSpan: 3, colSpan: 3 });
      expect(l.header[0]![0]!.note).toBe(l.header[0]![0]!.text);
      expect(spans(l.header[0]![1])).toEqual({ text: "申请人情况", rowSpan: 1, colSpan: 7 });
      expect(l.header[1]!.map(spans)).toEqual([
        { text: "自然人", rowSpan: 2, colSpan: 1 },
        { text: "法人或其他组织", rowSpan: 1, colSpan: 5 },
        { text: "总计", rowSpan: 2, colSpan: 1 },
      ]);
      expect(l.header[2]!.map(text)).toEqual(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]);
    });
    it(`${id}: body labels`, () => {
      expect(l.body).toHaveLength(resultsSpan + 3);
      expect(spans(l.body[0]![0])).toEqual({ text: "一、本年新收政府信息公开申请数量", rowSpan: 1, colSpan: 3 });
      expect(spans(l.body[2]![0])).toEqual({ text: "三、本年度办理结果", rowSpan: resultsSpan, colSpan: 1 });
      expect(spans(l.body[2]![1])).toEqual({ text: "（一）予以公开", rowSpan: 1, colSpan: 2 });
      expect(spans(l.body[3]![0])).toEqual({ text: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", rowSpan: 1, colSpan: 2 });
      expect(l.body[3]![0]!.note).toBe("（区分处理的，只计这一情形，不计其他情形）");
      expect(spans(l.body[4]![0])).toEqual({ text: "（三）不予公开", rowSpan: 8, colSpan: 1 });
      expect(spans(l.body[12]![0])).toEqual({ text: "（四）无法提供", rowSpan: 3, colSpan: 1 });
      expect(spans(l.body[15]![0])).toEqual({ text: "（五）不予处理", rowSpan: 5, colSpan: 1 });
      const last = l.body[l.body.length - 1]!;
      expect(spans(last[0])).toEqual({ text: "四、结转下年度继续办理", rowSpan: 1, colSpan: 3 });
      const total = l.body[l.body.length - 2]!;
      expect(spans(total[0])).toEqual({ text: "（七）总计", rowSpan: 1, colSpan: 2 });
      for (const row of l.body) expect(row.filter((c) => c.type === "value")).toHaveLength(7);
    });
  }
  it("2021: （六）其他处理 spans its three sub-rows; 2019: one row with colspan 2", () => {
    expect(spans(tableLayout(getEdition("2021"), "applications").body[20]![0])).toEqual({ text: "（六）其他处理", rowSpan: 3, colSpan: 1 });
    expect(spans(tableLayout(getEdition("2019"), "applications").body[20]![0])).toEqual({ text: "（六）其他处理", rowSpan: 1, colSpan: 2 });
  });
});

describe("table 四 merges (format-2021.md §5.3)", () => {
  for (const id of ["2021", "2019"] as const) {
    it(`${id}`, () => {
      const l = tableLayout(getEdition(id), "appeals");
      expect(l.gridColumns).toBe(15);
      expect(l.header.map((r) => r.map(spans))).toEqual([
        [
          { text: "行政复议", rowSpan: 1, colSpan: 5 },
          { text: "行政诉讼", rowSpan: 1, colSpan: 10 },
        ],
        [
          ...["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map((t) => ({ text: t, rowSpan: 2, colSpan: 1 })),
          { text: "未经复议直接起诉", rowSpan: 1, colSpan: 5 },
          { text: "复议后起诉", rowSpan: 1, colSpan: 5 },
        ],
        [...Array(2)].flatMap(() => ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map((t) => ({ text: t, rowSpan: 1, colSpan: 1 }))),
      ]);
      expect(l.body).toHaveLength(1);
      expect(l.body[0]).toHaveLength(15);
    });
  }
});

describe("table 二 layout", () => {
  it("2021: 4 columns, block titles colspan 4, single value columns colspan 3, unit note", () => {
    const l = tableLayout(getEdition("2021"), "proactive");
    expect(l.gridColumns).toBe(4);
    expect(l.header).toEqual([]);
    expect(l.body.map((r) => r.map((c) => (c.type === "value" ? `v${c.colSpan ?? 1}` : `${c.text}${c.colSpan ? `/${c.colSpan}` : ""}`)))).toEqual([
      ["第二十条第（一）项/4"],
      ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
      ["规章", "v1", "v1", "v1"],
      ["行政规范性文件", "v1", "v1", "v1"],
      ["第二十条第（五）项/4"],
      ["信息内容", "本年处理决定数量/3"],
      ["行政许可", "v3"],
      ["第二十条第（六）项/4"],
      ["信息内容", "本年处理决定数量/3"],
      ["行政处罚", "v3"],
      ["行政强制", "v3"],
      ["第二十条第（八）项/4"],
      ["信息内容", "本年收费金额（单位：万元）/3"],
      ["行政事业性收费", "v3"],
    ]);
    expect(l.body[12]![1]!.note).toBe("（单位：万元）");
    expect(l.body[13]![1]!.kind).toBe("amount");
  });
  it("2019: the documented 4-column choice — （八）（九） have 2 value columns, the second spanning 2", () => {
    const l = tableLayout(getEdition("2019"), "proactive");
    const rows = l.body.map((r) => r.map((c) => (c.type === "value" ? `v${c.colSpan ?? 1}` : c.text)));
    expect(rows).toHaveLength(18);
    expect(rows[12]).toEqual(["第二十条第（八）项"]);
    expect(rows[13]).toEqual(["信息内容", "上一年项目数量", "本年增/减"]);
    expect(rows[14]).toEqual(["行政事业性收费", "v1", "v2"]);
    expect(rows[16]).toEqual(["信息内容", "采购项目数量", "采购总金额"]);
    expect(rows[17]).toEqual(["政府集中采购", "v1", "v2"]);
    expect(getEdition("2019").tables.proactive.layoutNotes?.[0]).toMatch(/UNCONFIRMED/);
  });
});
