// The .docx read back as XML: page setup, fonts on every run, the official merged headers of every
// table of both editions (compared with `tableLayout`, not a hand-written list), repeated header
// rows, number alignment, page-number footers, headings, blank vs 0, and hostile text.

import { beforeAll, describe, expect, it } from "vitest";
import { clean2024, edit, seed2020 } from "../../fixtures/load";
import type { ReportDoc } from "../../data";
import { TABLE_KEYS, getEdition, tableLayout } from "../../template";
import { placeCells } from "../grid";
import { printedValues, formatCellValue } from "../values";
import { bodyParagraphs, bodyTables, openDocx, tableRows, type DocxParts } from "../testing/docx-parts";
import { child, findAll, findAllDeep, wText, type XmlElement } from "../testing/xml";
import { renderDocx } from "./index";

interface Rendered {
  report: ReportDoc;
  parts: DocxParts;
  document: XmlElement;
}

async function render(report: ReportDoc): Promise<Rendered> {
  const parts = await openDocx(await renderDocx(report));
  return { report, parts, document: await parts.xml("word/document.xml") };
}

const attr = (el: XmlElement | undefined, name: string) => el?.attrs[name];
const pPr = (p: XmlElement) => child(p, "w:pPr");
const style = (p: XmlElement) => attr(pPr(p) && child(pPr(p)!, "w:pStyle"), "w:val");
const runsOf = (el: XmlElement) => findAllDeep(el, "w:r");
const runFonts = (r: XmlElement) => {
  const rPr = child(r, "w:rPr");
  return rPr ? child(rPr, "w:rFonts") : undefined;
};

/**
 * The run properties that apply to each run of `el`: the run's own, or else those of its paragraph's
 * style (the table cells' runs carry none: their paragraph styles set font, size and language).
 */
function effectiveRuns(el: XmlElement, styles: XmlElement): { run: XmlElement; rPr: XmlElement | undefined }[] {
  const styleRPr = new Map(findAll(styles, "w:style").map((st) => [st.attrs["w:styleId"], child(st, "w:rPr")]));
  return findAllDeep(el, "w:p").flatMap((p) =>
    runsOf(p).map((run) => ({ run, rPr: child(run, "w:rPr") ?? (style(p) ? styleRPr.get(style(p)) : undefined) })),
  );
}

let modern: Rendered;
let seed: Rendered;
beforeAll(async () => {
  [modern, seed] = await Promise.all([render(clean2024()), render(seed2020())]);
});
const both = () => [modern, seed];

describe("page setup (GB/T 9704)", () => {
  it("is A4 with margins 37/35/28/26 mm, footer 25 mm, odd and even footers", async () => {
    for (const { document } of both()) {
      const sectPr = child(child(document, "w:body")!, "w:sectPr")!;
      expect(child(sectPr, "w:pgSz")!.attrs).toMatchObject({ "w:w": "11906", "w:h": "16838" });
      expect(child(sectPr, "w:pgMar")!.attrs).toMatchObject({
        "w:top": "2098",
        "w:bottom": "1984",
        "w:left": "1587",
        "w:right": "1474",
        "w:footer": "1417",
      });
      const refs = findAll(sectPr, "w:footerReference").map((f) => f.attrs["w:type"]);
      expect(refs.sort()).toEqual(["default", "even"]);
      // A docGrid of type "default" (no type): the 22 lines come from exact spacing, not a grid.
      expect(child(sectPr, "w:docGrid")!.attrs["w:type"]).toBeUndefined();
    }
  });

  it("switches on different odd/even footers (w:evenAndOddHeaders)", async () => {
    const settings = await modern.parts.xml("word/settings.xml");
    expect(child(settings, "w:evenAndOddHeaders")).toBeDefined();
  });
});

describe("fonts", () => {
  it("names an East Asian font, the Latin fonts, hint eastAsia and zh-CN on EVERY run (body and footers)", async () => {
    for (const { parts, document } of both()) {
      const footers = await Promise.all(parts.files.filter((f) => /^word\/footer\d+\.xml$/.test(f)).map((f) => parts.xml(f)));
      const styles = await parts.xml("word/styles.xml");
      const runs = [document, ...footers].flatMap((el) => effectiveRuns(el, styles));
      expect(runs.length).toBeGreaterThan(200);
      expect(runs.filter((r) => !child(r.run, "w:rPr")).length).toBeGreaterThan(100); // table cells: formatted by their style
      for (const { run, rPr } of runs) {
        const fonts = rPr && child(rPr, "w:rFonts");
        expect(fonts?.attrs["w:eastAsia"], wText(run)).toBeTruthy();
        expect(fonts?.attrs["w:ascii"]).toBeTruthy();
        expect(fonts?.attrs["w:hAnsi"]).toBeTruthy();
        expect(fonts?.attrs["w:hint"]).toBe("eastAsia");
        expect(attr(child(rPr!, "w:lang"), "w:eastAsia")).toBe("zh-CN");
      }
    }
  });

  it("sets the title in 2号 方正小标宋简体, centred, broken between agency and year", () => {
    const title = bodyParagraphs(modern.document)[0]!;
    expect(style(title)).toBe("Title");
    expect(attr(child(pPr(title)!, "w:jc"), "w:val")).toBe("center");
    for (const r of runsOf(title)) {
      expect(runFonts(r)!.attrs["w:eastAsia"]).toBe("方正小标宋简体");
      expect(attr(child(child(r, "w:rPr")!, "w:sz"), "w:val")).toBe("44");
    }
    expect(runsOf(title).map(wText)).toEqual(["示范市应急管理局", "2024年政府信息公开工作年度报告"]);
    expect(findAllDeep(title, "w:br")).toHaveLength(1);
  });

  it("sets body paragraphs in 3号 仿宋_GB2312 at an exact 28.95 pt pitch with a two-character indent", () => {
    const preamble = bodyParagraphs(modern.document)[1]!;
    expect(wText(preamble)).toBe(modern.report.meta!.preamble);
    const p = pPr(preamble)!;
    expect(child(p, "w:spacing")!.attrs).toMatchObject({ "w:line": "579", "w:lineRule": "exact" });
    expect(child(p, "w:ind")!.attrs["w:firstLine"]).toBe("640");
    for (const r of runsOf(preamble)) {
      expect(runFonts(r)!.attrs["w:eastAsia"]).toBe("仿宋_GB2312");
      expect(attr(child(child(r, "w:rPr")!, "w:sz"), "w:val")).toBe("32");
      // −0.25 pt per character: 28 characters per line
      expect(attr(child(child(r, "w:rPr")!, "w:spacing"), "w:val")).toBe("-5");
    }
  });

  it("writes a font table with Chinese fallbacks", async () => {
    const fonts = findAll(await modern.parts.xml("word/fontTable.xml"), "w:font");
    const byName = new Map(fonts.map((f) => [f.attrs["w:name"], f]));
    expect(attr(child(byName.get("仿宋_GB2312")!, "w:altName"), "w:val")).toBe("仿宋");
    expect(attr(child(byName.get("楷体_GB2312")!, "w:altName"), "w:val")).toBe("楷体");
    for (const name of ["仿宋_GB2312", "楷体_GB2312", "黑体", "宋体", "方正小标宋简体"]) {
      expect(attr(child(byName.get(name)!, "w:charset"), "w:val"), name).toBe("86");
    }
  });
});

describe("headings", () => {
  it("prints the six section headings exactly as in the template, as Heading 1 in 黑体", () => {
    for (const { report, document } of both()) {
      const h1 = bodyParagraphs(document).filter((p) => style(p) === "Heading1");
      expect(h1.map(wText)).toEqual(getEdition(report.edition).sections.map((s) => s.heading));
      for (const p of h1) for (const r of runsOf(p)) expect(runFonts(r)!.attrs["w:eastAsia"]).toBe("黑体");
    }
  });

  it("styles （一） lines in 楷体: alone as Heading 2, run-in as a 楷体 run before the 仿宋 text", () => {
    const paragraphs = bodyParagraphs(modern.document);
    const h2 = paragraphs.filter((p) => style(p) === "Heading2");
    expect(h2.map(wText)).toEqual(["（一）收取信息处理费情况", "（二）落实上级年度政务公开工作要点情况", "（四）政务公开工作创新情况"]);
    for (const p of h2) expect(runFonts(runsOf(p)[0]!)!.attrs["w:eastAsia"]).toBe("楷体_GB2312");
    const runIn = paragraphs.find((p) => wText(p).startsWith("（一）主动公开。"))!;
    expect(runsOf(runIn).map((r) => [wText(r).slice(0, 8), runFonts(r)!.attrs["w:eastAsia"]])).toEqual([
      ["（一）主动公开。", "楷体_GB2312"],
      ["全年主动公开信息", "仿宋_GB2312"],
    ]);
  });

  it("keeps the Heading styles black (docx's defaults are blue)", async () => {
    const styles = await modern.parts.text("word/styles.xml");
    for (const id of ["Title", "Heading1", "Heading2"]) {
      const def = new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? "";
      expect(def, id).toContain(`<w:color w:val="000000"/>`);
    }
  });
});

describe("statutory tables", () => {
  it("has exactly the official merged cells of every table of both editions (gridSpan, vMerge restart/continue)", () => {
    for (const { report, document } of both()) {
      const edition = getEdition(report.edition);
      const tables = bodyTables(document);
      expect(tables).toHaveLength(TABLE_KEYS.length);
      TABLE_KEYS.forEach((key, t) => {
        const layout = tableLayout(edition, key);
        const placed = placeCells([...layout.header, ...layout.body], layout.gridColumns);
        const rows = tableRows(tables[t]!);
        const where = (r: number, c: number) => `${edition.id} ${key} row ${r} col ${c}`;
        expect(rows).toHaveLength(placed.length);
        const gridCols = findAll(child(tables[t]!, "w:tblGrid")!, "w:gridCol").map((g) => Number(g.attrs["w:w"]));
        expect(gridCols).toHaveLength(layout.gridColumns);
        expect(gridCols.reduce((a, b) => a + b, 0)).toBe(8845); // the full 156 mm text width

        const expectedCells = rows.map(() => 0);
        for (const row of placed) {
          for (const cell of row) {
            const start = rows[cell.row]!.cells.find((x) => x.col === cell.col);
            expect(start, where(cell.row, cell.col)).toBeDefined();
            expect(start!.gridSpan, where(cell.row, cell.col)).toBe(cell.colSpan);
            expect(start!.vMerge, where(cell.row, cell.col)).toBe(cell.rowSpan > 1 ? "restart" : undefined);
            expectedCells[cell.row]!++;
            for (let r = cell.row + 1; r < cell.row + cell.rowSpan; r++) {
              const cont = rows[r]!.cells.find((x) => x.col === cell.col);
              expect(cont?.vMerge, where(r, cell.col)).toBe("continue");
              expect(cont!.gridSpan, where(r, cell.col)).toBe(cell.colSpan);
              expect(cont!.text).toBe("");
              expectedCells[r]!++;
            }
            const after = rows[cell.row + cell.rowSpan]?.cells.find((x) => x.col === cell.col);
            if (after) expect(after.vMerge, where(cell.row + cell.rowSpan, cell.col)).not.toBe("continue");
          }
        }
        // Nothing else: every row fills the grid exactly with the expected cells.
        rows.forEach((row, r) => {
          expect(row.cells, `${edition.id} ${key} row ${r}`).toHaveLength(expectedCells[r]!);
          expect(row.cells.reduce((w, c) => w + c.gridSpan, 0)).toBe(layout.gridColumns);
        });
      });
    }
  });

  it("prints every label of the template and every value of the report in its cell", async () => {
    for (const { report, document, parts } of both()) {
      const edition = getEdition(report.edition);
      const value = printedValues(report);
      const styles = await parts.xml("word/styles.xml");
      TABLE_KEYS.forEach((key, t) => {
        const layout = tableLayout(edition, key);
        const placed = placeCells([...layout.header, ...layout.body], layout.gridColumns);
        const rows = tableRows(bodyTables(document)[t]!, styles);
        for (const cell of placed.flat()) {
          const x = rows[cell.row]!.cells.find((c) => c.col === cell.col)!;
          const expected = cell.layout.type === "value" ? formatCellValue(value(cell.layout.cell!)) : cell.layout.text;
          expect(x.text, `${key} ${cell.layout.cell ?? cell.layout.text}`).toBe(expected);
          if (cell.layout.type === "value") expect(x.align).toBe("right");
          if (cell.layout.type === "header") expect(x.align).toBe("center");
          // Row labels left, group labels (spanning rows) centred.
          if (cell.layout.type === "label") expect(x.align).toEqual((cell.layout.rowSpan ?? 1) > 1 ? "center" : expect.stringMatching(/^(left|center)$/));
        }
      });
    }
  });

  it("marks exactly the header rows to repeat on each page, and keeps rows from splitting", () => {
    for (const { report, document } of both()) {
      TABLE_KEYS.forEach((key, t) => {
        const headerRows = tableLayout(getEdition(report.edition), key).header.length;
        const rows = tableRows(bodyTables(document)[t]!);
        expect(rows.map((r) => r.tableHeader)).toEqual(rows.map((_, i) => i < headerRows));
        expect(rows.every((r) => r.cantSplit)).toBe(true);
      });
    }
    // tables 三 and 四 have multi-row heads; table 二's blocks carry their own heads
    expect(tableRows(bodyTables(modern.document)[1]!).filter((r) => r.tableHeader)).toHaveLength(3);
  });

  it("sets tables in 五号: header cells 黑体, labels and numbers 仿宋", async () => {
    const styles = await modern.parts.xml("word/styles.xml");
    const rows = tableRows(bodyTables(modern.document)[1]!);
    const fontOf = (cellText: string) => {
      const cell = rows.flatMap((r) => r.cells).find((c) => c.text === cellText)!;
      const { rPr } = effectiveRuns(cell.el, styles)[0]!;
      return [child(rPr!, "w:rFonts")!.attrs["w:eastAsia"], attr(child(rPr!, "w:sz"), "w:val")];
    };
    expect(fontOf("申请人情况")).toEqual(["黑体", "21"]);
    expect(fontOf("1.属于国家秘密")).toEqual(["仿宋_GB2312", "21"]);
    expect(fontOf("24")).toEqual(["仿宋_GB2312", "21"]); // 一、本年新收 · 自然人
    // An in-cell note inside a 黑体 header cell is set in 仿宋: its run is formatted directly.
    const fees = bodyTables(modern.document).flatMap((t) => tableRows(t).flatMap((r) => r.cells)).find((c) => c.text === "本年收费金额（单位：万元）")!;
    expect(effectiveRuns(fees.el, styles).map(({ rPr }) => child(rPr!, "w:rFonts")!.attrs["w:eastAsia"])).toEqual(["黑体", "仿宋_GB2312"]);
  });

  it("gives table paragraphs single spacing, no indent and a 五号 paragraph mark through their styles", async () => {
    const styles = await modern.parts.xml("word/styles.xml");
    for (const [id, font] of [
      ["NianbaoTableText", "仿宋_GB2312"],
      ["NianbaoTableGroup", "仿宋_GB2312"],
      ["NianbaoTableNumber", "仿宋_GB2312"],
      ["NianbaoTableHead", "黑体"],
    ] as const) {
      const def = findAll(styles, "w:style").find((st) => st.attrs["w:styleId"] === id)!;
      expect(child(child(def, "w:pPr")!, "w:spacing")!.attrs).toMatchObject({ "w:line": "240", "w:lineRule": "auto", "w:before": "0", "w:after": "0" });
      expect(child(child(def, "w:pPr")!, "w:ind")!.attrs["w:firstLine"]).toBe("0");
      expect(attr(child(child(def, "w:rPr")!, "w:sz"), "w:val")).toBe("21");
      expect(child(child(def, "w:rPr")!, "w:rFonts")!.attrs["w:eastAsia"]).toBe(font);
    }
    for (const tbl of bodyTables(modern.document)) {
      // (continuation cells of a vertical merge hold an empty paragraph that Word and LibreOffice ignore)
      for (const cell of tableRows(tbl).flatMap((r) => r.cells).filter((c) => c.vMerge !== "continue")) {
        for (const p of findAll(cell.el, "w:p")) expect(style(p)).toMatch(/^NianbaoTable(Text|Group|Number|Head)$/);
      }
    }
  });

  it("prints a blank cell as nothing and 0 as 0; amounts as given", async () => {
    const r = await render(edit(clean2024(), { "applications.received.research": null, "applications.received.nonprofit": 0 }));
    const received = tableRows(bodyTables(r.document)[1]!)[3]!; // first body row after the 3 header rows
    expect(received.cells[0]!.text).toBe("一、本年新收政府信息公开申请数量");
    const byCol = (c: number) => received.cells.find((x) => x.col === c)!;
    expect(byCol(5).text).toBe(""); // research (grid column 5)
    expect(runsOf(byCol(5).el)).toHaveLength(0);
    expect(byCol(6).text).toBe("0");
    // amounts: 12.3456 万元 (2021) and 2031.9 (2019 procurement), digits exactly as given
    expect(tableRows(bodyTables(modern.document)[0]!).flatMap((x) => x.cells).map((c) => c.text)).toContain("12.3456");
    expect(tableRows(bodyTables(seed.document)[0]!).flatMap((x) => x.cells).map((c) => c.text)).toContain("2031.9");
  });
});

describe("page numbers", () => {
  it("prints 「— PAGE —」 in 4号 宋体: odd pages right, even pages left, one character in", async () => {
    const rels = await modern.parts.text("word/_rels/document.xml.rels");
    const sectPr = child(child(modern.document, "w:body")!, "w:sectPr")!;
    for (const ref of findAll(sectPr, "w:footerReference")) {
      const target = new RegExp(`Id="${ref.attrs["r:id"]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${ref.attrs["r:id"]}"`).exec(rels)?.[1];
      const footer = await modern.parts.xml(`word/${target}`);
      const p = findAll(footer, "w:p")[0]!;
      const xml = await modern.parts.text(`word/${target}`);
      expect(xml).toMatch(/<w:fldChar w:fldCharType="begin"\/>[\s\S]*<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>[\s\S]*<w:fldChar w:fldCharType="end"\/>/);
      expect(wText(p)).toBe("—  —"); // the dashes around the PAGE field
      for (const r of runsOf(p)) {
        expect(runFonts(r)!.attrs).toMatchObject({ "w:ascii": "宋体", "w:eastAsia": "宋体", "w:hAnsi": "宋体" });
        expect(attr(child(child(r, "w:rPr")!, "w:sz"), "w:val")).toBe("28");
      }
      const jc = attr(child(pPr(p)!, "w:jc"), "w:val");
      const ind = child(pPr(p)!, "w:ind")!.attrs;
      if (ref.attrs["w:type"] === "default") {
        expect(jc).toBe("right");
        expect(ind["w:right"]).toBe("280");
      } else {
        expect(jc).toBe("left");
        expect(ind["w:left"]).toBe("280");
      }
    }
  });
});

describe("signature and date", () => {
  it("ends with the signature and the date in Arabic numerals, right-aligned per GB/T 9704", () => {
    const ps = bodyParagraphs(modern.document);
    const [name, date] = ps.slice(-2);
    expect(wText(name!)).toBe("示范市应急管理局");
    expect(wText(date!)).toBe("2025年1月22日");
    for (const p of [name!, date!]) expect(attr(child(pPr(p)!, "w:jc"), "w:val")).toBe("right");
    // the date (6.5 characters) is longer than the name allows: date 右空二字, name 2.5 characters in
    expect(child(pPr(date!)!, "w:ind")!.attrs["w:right"]).toBe("640");
    expect(child(pPr(name!)!, "w:ind")!.attrs["w:right"]).toBe("800");
  });

  it("without meta: signs with the agency name and prints no date line", () => {
    const ps = bodyParagraphs(seed.document);
    expect(wText(ps[ps.length - 1]!)).toBe("南通市应急管理局");
    expect(wText(ps[ps.length - 2]!)).not.toMatch(/年\d+月\d+日$/);
  });
});

describe("hostile text", () => {
  it("keeps markup and control characters in narratives inert; the document stays valid XML", async () => {
    const nasty = `<script>alert("x")</script> & 'q' ]]> <w:p/>\u0001\u000b\u0000 “三安全一稳定”`;
    const r = edit(clean2024(), {});
    r.narrative = { ...r.narrative, problems: nasty };
    r.agency = { ...r.agency, name: "A&B<局>" };
    r.meta = { title: "</w:t><w:t>注入" }; // no signature, no date: signed with the agency name
    const out = await render(r); // parses as XML, or the test fails
    const texts = bodyParagraphs(out.document).map(wText);
    expect(texts).toContain(`<script>alert("x")</script> & 'q' ]]> <w:p/> “三安全一稳定”`);
    expect(texts.at(-1)).toBe("A&B<局>");
    expect(wText(bodyParagraphs(out.document)[0]!)).toBe("</w:t><w:t>注入");
  });
});
