import { describe, expect, it } from "vitest";
import {
  EDITIONS,
  NARRATIVE_HEADINGS,
  NARRATIVE_KEYS,
  SECTION_NUMBERS,
  TABLE_KEYS,
  TABLE_OF_SECTION,
  allCells,
  cellInfo,
  cellLabel,
  cellRef,
  editionForYear,
  findEdition,
  getEdition,
  isEditionId,
  parseCellRef,
  plainLabel,
  type Edition,
} from "./index";
import { RULES } from "../rules/catalog";

// ---------------------------------------------------------------------------------------------
// Expected labels, transcribed by hand from the machine-readable skeletons of the spec
// (format-2021.md §7, format-2019.md §6 and §3.2) — the independent check of the edition data.

const SECTIONS = [
  "一、总体情况",
  "二、主动公开政府信息情况",
  "三、收到和处理政府信息公开申请情况",
  "四、政府信息公开行政复议、行政诉讼情况",
  "五、存在的主要问题及改进情况",
  "六、其他需要报告的事项",
];

const TABLE2_2021 = [
  { block: "第二十条第（一）项", columns: ["本年制发件数", "本年废止件数", "现行有效件数"], rows: ["规章", "行政规范性文件"], type: "int" },
  { block: "第二十条第（五）项", columns: ["本年处理决定数量"], rows: ["行政许可"], type: "int" },
  { block: "第二十条第（六）项", columns: ["本年处理决定数量"], rows: ["行政处罚", "行政强制"], type: "int" },
  { block: "第二十条第（八）项", columns: ["本年收费金额（单位：万元）"], rows: ["行政事业性收费"], type: "decimal" },
];

const TABLE2_2019 = [
  { block: "第二十条第（一）项", columns: ["本年新制作数量", "本年新公开数量", "对外公开总数量"], rows: ["规章", "规范性文件"], type: "int" },
  { block: "第二十条第（五）项", columns: ["上一年项目数量", "本年增/减", "处理决定数量"], rows: ["行政许可", "其他对外管理服务事项"], type: "int" },
  { block: "第二十条第（六）项", columns: ["上一年项目数量", "本年增/减", "处理决定数量"], rows: ["行政处罚", "行政强制"], type: "int" },
  { block: "第二十条第（八）项", columns: ["上一年项目数量", "本年增/减"], rows: ["行政事业性收费"], type: "int" },
  { block: "第二十条第（九）项", columns: ["采购项目数量", "采购总金额"], rows: ["政府集中采购"], type: "mixed" },
];

const TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const TABLE3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
const TABLE3_ORGS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];

// [row key, printed label, label path of its groups]
const RESULTS = "三、本年度办理结果";
const TABLE3_ROWS_COMMON_HEAD: [string, string, string[]][] = [
  ["received", "一、本年新收政府信息公开申请数量", []],
  ["carriedOver", "二、上年结转政府信息公开申请数量", []],
  ["granted", "（一）予以公开", [RESULTS]],
  ["partiallyGranted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [RESULTS]],
  ["withheldStateSecret", "1.属于国家秘密", [RESULTS, "（三）不予公开"]],
  ["withheldLawProhibited", "2.其他法律行政法规禁止公开", [RESULTS, "（三）不予公开"]],
  ["withheldSecurityStability", "3.危及“三安全一稳定”", [RESULTS, "（三）不予公开"]],
  ["withheldThirdParty", "4.保护第三方合法权益", [RESULTS, "（三）不予公开"]],
  ["withheldInternalAffairs", "5.属于三类内部事务信息", [RESULTS, "（三）不予公开"]],
  ["withheldProcessInfo", "6.属于四类过程性信息", [RESULTS, "（三）不予公开"]],
  ["withheldEnforcementFile", "7.属于行政执法案卷", [RESULTS, "（三）不予公开"]],
  ["withheldInquiry", "8.属于行政查询事项", [RESULTS, "（三）不予公开"]],
  ["unavailableNotHeld", "1.本机关不掌握相关政府信息", [RESULTS, "（四）无法提供"]],
  ["unavailableNeedsCreation", "2.没有现成信息需要另行制作", [RESULTS, "（四）无法提供"]],
  ["unavailableUnclear", "3.补正后申请内容仍不明确", [RESULTS, "（四）无法提供"]],
  ["notProcessedComplaint", "1.信访举报投诉类申请", [RESULTS, "（五）不予处理"]],
  ["notProcessedRepeat", "2.重复申请", [RESULTS, "（五）不予处理"]],
  ["notProcessedPublication", "3.要求提供公开出版物", [RESULTS, "（五）不予处理"]],
  ["notProcessedExcessive", "4.无正当理由大量反复申请", [RESULTS, "（五）不予处理"]],
  ["notProcessedConfirmation", "5.要求行政机关确认或重新出具已获取信息", [RESULTS, "（五）不予处理"]],
];
const TABLE3_ROWS_TAIL: [string, string, string[]][] = [
  ["handledTotal", "（七）总计", [RESULTS]],
  ["carriedForward", "四、结转下年度继续办理", []],
];
type Row3 = [string, string, string[]];
const TABLE3_ROWS_2021: Row3[] = [
  ...TABLE3_ROWS_COMMON_HEAD,
  ["otherNoCorrection", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [RESULTS, "（六）其他处理"]],
  ["otherUnpaidFee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [RESULTS, "（六）其他处理"]],
  ["otherOther", "3.其他", [RESULTS, "（六）其他处理"]],
  ...TABLE3_ROWS_TAIL,
];
const TABLE3_ROWS_2019: Row3[] = [...TABLE3_ROWS_COMMON_HEAD, ["otherHandling", "（六）其他处理", [RESULTS]], ...TABLE3_ROWS_TAIL];

const TABLE4_GROUPS = [
  ["review", "行政复议", []],
  ["litigationDirect", "未经复议直接起诉", ["行政诉讼"]],
  ["litigationAfterReview", "复议后起诉", ["行政诉讼"]],
];
const TABLE4_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

// Interchange keys of table 二 (interchange.md), in template order.
const T2_KEYS_2021 = {
  regulations: ["issued", "repealed", "inForce"],
  normativeDocuments: ["issued", "repealed", "inForce"],
  licensing: ["decisions"],
  penalties: ["decisions"],
  coercion: ["decisions"],
  fees: ["amount"],
};
const T2_KEYS_2019 = {
  regulations: ["produced", "published", "publishedTotal"],
  normativeDocuments: ["produced", "published", "publishedTotal"],
  licensing: ["previous", "change", "decisions"],
  otherServices: ["previous", "change", "decisions"],
  penalties: ["previous", "change", "decisions"],
  coercion: ["previous", "change", "decisions"],
  fees: ["previous", "change"],
  procurement: ["projects", "amount"],
};
const T3_COLUMN_KEYS = ["natural", "commercial", "research", "nonprofit", "legalService", "otherOrg", "total"];
const T4_COLUMN_KEYS = ["upheld", "corrected", "other", "pending", "total"];

// ---------------------------------------------------------------------------------------------

const e2021 = getEdition("2021");
const e2019 = getEdition("2019");

function table2Skeleton(e: Edition) {
  return e.tables.proactive.blocks.map((b) => {
    const kinds = new Set(b.columns.map((c) => (c.kind === "amount" ? "amount" : "int")));
    const type = kinds.size > 1 ? "mixed" : kinds.has("amount") ? "decimal" : "int";
    return { block: b.title, columns: b.columns.map((c) => c.label), rows: b.rows.map((r) => r.label), type };
  });
}

function table2Keys(e: Edition) {
  return Object.fromEntries(e.tables.proactive.blocks.flatMap((b) => b.rows.map((r) => [r.key, b.columns.map((c) => c.key)])));
}

function table3Rows(e: Edition) {
  return e.tables.applications.blocks[0]!.rows.map((r) => [r.key, r.label, (r.groups ?? []).map((g) => g.label)]);
}

describe.each([
  ["2021", e2021, TABLE2_2021, TABLE3_ROWS_2021, T2_KEYS_2021],
  ["2019", e2019, TABLE2_2019, TABLE3_ROWS_2019, T2_KEYS_2019],
] as const)("edition %s: labels exactly as in the spec", (_id, e, table2, table3Rows2, t2keys) => {
  it("has the six section headings in order", () => {
    expect(e.sections.map((s) => s.heading)).toEqual(SECTIONS);
    expect(e.sections.map((s) => s.number)).toEqual(["一", "二", "三", "四", "五", "六"]);
    expect(e.sections.map((s) => s.kind)).toEqual(["narrative", "table", "table", "table", "narrative", "narrative"]);
  });

  it("table 二: block titles, column headers, row labels, number types", () => {
    expect(table2Skeleton(e)).toEqual(table2);
  });

  it("table 二: interchange keys", () => {
    expect(table2Keys(e)).toEqual(t2keys);
  });

  it("table 三: header note, columns with their groups, rows with their groups", () => {
    const t = e.tables.applications;
    const block = t.blocks[0]!;
    expect(block.corner?.text).toBe(TABLE3_NOTE);
    expect(block.columns.map((c) => c.label)).toEqual(TABLE3_COLUMNS);
    expect(block.columns.map((c) => c.key)).toEqual(T3_COLUMN_KEYS);
    expect(block.columns.filter((c) => c.groups?.some((g) => g.label === "法人或其他组织")).map((c) => c.label)).toEqual(TABLE3_ORGS);
    expect(block.columns.every((c) => c.groups?.[0]?.label === "申请人情况")).toBe(true);
    expect(table3Rows(e)).toEqual(table3Rows2);
  });

  it("table 四: groups and columns", () => {
    const block = e.tables.appeals.blocks[0]!;
    expect(block.rows.map((r) => [r.key, r.label, (r.groups ?? []).map((g) => g.label)])).toEqual(TABLE4_GROUPS);
    expect(block.columns.map((c) => c.label)).toEqual(TABLE4_COLUMNS);
    expect(block.columns.map((c) => c.key)).toEqual(T4_COLUMN_KEYS);
  });

  it("uses full-width typography where the template does", () => {
    const labels = allCells(e).flatMap((c) => [c.rowDef.label, c.columnDef.label]);
    expect(labels.join("")).not.toMatch(/[()]/); // no ASCII parentheses anywhere
    expect(labels).toContain("3.危及“三安全一稳定”");
    expect(labels.filter((l) => /^\d/.test(l)).every((l) => /^\d\./.test(l))).toBe(true); // "1." with ASCII full stop
  });

  it("in-cell notes are suffixes of their labels", () => {
    for (const c of allCells(e)) {
      for (const def of [c.rowDef, c.columnDef]) {
        if (def.note) expect(def.label.endsWith(def.note)).toBe(true);
      }
    }
    expect(plainLabel(e.tables.applications.blocks[0]!.rows[3]!)).toBe("（二）部分公开");
  });
});

describe("edition identity", () => {
  it("2021: notice, years", () => {
    expect(e2021.notice).toBe("国办公开办函〔2021〕30号");
    expect(e2021.noticeTitle).toBe("国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知");
    expect(e2021.appliesTo).toEqual({ fromYear: 2021 });
  });
  it("2019: notice, years", () => {
    expect(e2019.notice).toBe("国办公开办函〔2019〕60号");
    expect(e2019.noticeTitle).toBe("国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知");
    expect(e2019.formatTitle).toBe("中华人民共和国政府信息公开工作年度报告格式（试行）");
    expect(e2019.appliesTo).toEqual({ fromYear: 2019, toYear: 2020 });
  });
  it("only the 2021 table 二 prints a unit, 万元 on 本年收费金额", () => {
    const printed = allCells(e2021).filter((c) => c.columnDef.unitPrinted);
    expect(printed.map((c) => [c.ref, c.unit])).toEqual([["proactive.fees.amount", "万元"]]);
    expect(allCells(e2019).some((c) => c.columnDef.unitPrinted)).toBe(false);
  });
  it("2019 本年增/减 cells are signed, amounts are amounts", () => {
    expect(allCells(e2019).filter((c) => c.kind === "signedCount").map((c) => c.ref)).toEqual([
      "proactive.licensing.change",
      "proactive.otherServices.change",
      "proactive.penalties.change",
      "proactive.coercion.change",
      "proactive.fees.change",
    ]);
    expect(allCells(e2019).filter((c) => c.kind === "amount").map((c) => c.ref)).toEqual(["proactive.procurement.amount"]);
    expect(allCells(e2021).filter((c) => c.kind === "amount").map((c) => c.ref)).toEqual(["proactive.fees.amount"]);
  });
});

describe("sections", () => {
  it("2021 section 一 names the five official topics", () => {
    const text = e2021.sections[0]!.guidance.filter((g) => g.basis === "official").map((g) => g.text).join("");
    for (const topic of ["主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"]) expect(text).toContain(topic);
  });
  it("2021 section 六: the sub-blocks in the spec's order; the fee statement is checked, but not tagged 必填 (its basis is practice)", () => {
    const six = e2021.sections[5]!;
    expect(six.subBlocks?.map((b) => [b.label, b.required])).toEqual([
      ["（一）收取信息处理费情况", false],
      ["（二）落实上级年度政务公开工作要点情况", false],
      ["（三）人大代表建议和政协提案办理结果公开情况", false],
      ["（四）政务公开工作创新情况", false],
      ["（五）其他需要报告的事项", false],
    ]);
    expect(six.requiredStatements?.map((r) => r.rule)).toEqual(["narrative.feeStatement"]);
  });
  it("guidance says what it rests on: nothing unverified, nothing 必填 that is only common practice", () => {
    for (const e of [e2021, e2019]) {
      for (const sec of e.sections) {
        for (const g of sec.guidance ?? []) expect(g.text, g.text).not.toMatch(/尚未核实|未核实|待核实|UNCONFIRMED/);
        for (const b of sec.subBlocks ?? []) if (b.required) expect(b.basis, b.label).not.toBe("practice");
      }
    }
  });
  it("2019 has no fee requirement (the fee measures date from November 2020)", () => {
    expect(e2019.sections.some((s) => s.requiredStatements?.length)).toBe(false);
  });
  it("narrative and table sections point to their data", () => {
    for (const e of EDITIONS) {
      expect(e.sections.map((s) => s.narrativeKey ?? s.tableKey)).toEqual(["overview", "proactive", "applications", "appeals", "problems", "other"]);
    }
  });
});

describe("editions registry", () => {
  it("editionForYear follows the official years", () => {
    expect(editionForYear(2018)).toBeUndefined();
    expect(editionForYear(2019)).toBe("2019");
    expect(editionForYear(2020)).toBe("2019");
    expect(editionForYear(2021)).toBe("2021");
    expect(editionForYear(2035)).toBe("2021");
  });
  it("every year from 2019 has exactly one edition (no overlap, no gap)", () => {
    for (let y = 2019; y <= 2100; y++) {
      const matching = EDITIONS.filter((e) => y >= e.appliesTo.fromYear && (e.appliesTo.toYear === undefined || y <= e.appliesTo.toYear));
      expect(matching.length, String(y)).toBe(1);
    }
  });
  it("ids", () => {
    expect(isEditionId("2021")).toBe(true);
    expect(isEditionId("2020")).toBe(false);
    expect(findEdition("2020")).toBeUndefined();
    expect(getEdition("2019").id).toBe("2019");
  });
});

describe("cells", () => {
  it("counts: 2021 has 10 + 25×7 + 15 cells, 2019 has 22 + 23×7 + 15", () => {
    expect(allCells(e2021).length).toBe(10 + 25 * 7 + 15);
    expect(allCells(e2019).length).toBe(22 + 23 * 7 + 15);
  });
  it("are in document order with consecutive indices", () => {
    for (const e of EDITIONS) {
      const cells = allCells(e);
      cells.forEach((c, i) => expect(c.index).toBe(i));
      const tables = cells.map((c) => TABLE_KEYS.indexOf(c.table));
      expect([...tables].sort((a, b) => a - b)).toEqual(tables);
    }
  });
  it("refs are unique and round-trip through parseCellRef", () => {
    for (const e of EDITIONS) {
      const refs = allCells(e).map((c) => c.ref);
      expect(new Set(refs).size).toBe(refs.length);
      for (const c of allCells(e)) expect(parseCellRef(c.ref)).toEqual({ table: c.table, row: c.row, column: c.column });
    }
    expect(cellRef("appeals", "review", "total")).toBe("appeals.review.total");
    expect(parseCellRef("nope.review.total")).toBeUndefined();
    expect(parseCellRef("appeals.review")).toBeUndefined();
    expect(parseCellRef("appeals..total")).toBeUndefined();
  });
  it("labels", () => {
    expect(cellLabel(e2021, "applications.withheldThirdParty.total")).toBe("表三「4.保护第三方合法权益」行「总计」列");
    expect(cellLabel(e2021, "proactive.regulations.issued")).toBe("表二「规章」行「本年制发件数」列");
    expect(cellLabel(e2021, "proactive.fees.amount")).toBe("表二「行政事业性收费」行「本年收费金额」列");
    expect(cellLabel(e2021, "applications.partiallyGranted.natural")).toBe("表三「（二）部分公开」行「自然人」列");
    expect(cellLabel(e2021, "appeals.litigationDirect.pending")).toBe("表四「行政诉讼·未经复议直接起诉」「尚未审结」栏");
    expect(cellLabel(e2019, "proactive.penalties.change")).toBe("表二「行政处罚」行「本年增/减」列");
    expect(cellLabel(e2021, "applications.otherHandling.total")).toBe("applications.otherHandling.total"); // 2019-only row
  });
  it("derived cells: the 总计 column, the （七）总计 row and the table 四 totals", () => {
    const derived = (e: Edition) => allCells(e).filter((c) => c.derived).map((c) => c.ref);
    const expected = (rows: string[]) => [
      ...rows.map((r) => `applications.${r}.total`),
      ...T3_COLUMN_KEYS.filter((c) => c !== "total").map((c) => `applications.handledTotal.${c}`),
      "appeals.review.total",
      "appeals.litigationDirect.total",
      "appeals.litigationAfterReview.total",
    ];
    const sortByIndex = (e: Edition, refs: string[]) => refs.sort((a, b) => cellInfo(e, a)!.index - cellInfo(e, b)!.index);
    expect(derived(e2021)).toEqual(sortByIndex(e2021, expected(TABLE3_ROWS_2021.map((r) => r[0]))));
    expect(derived(e2019)).toEqual(sortByIndex(e2019, expected(TABLE3_ROWS_2019.map((r) => r[0]))));
  });
  it("（七）总计 sums exactly the result rows of the spec (T3-SUM leaf set)", () => {
    const leaves = (rows: Row3[]) =>
      rows.filter(([k, , g]) => g[0] === RESULTS && k !== "handledTotal").map(([k]) => `applications.${k}.natural`);
    expect(cellInfo(e2021, "applications.handledTotal.natural")!.formulas).toEqual([
      { rule: "applications.handledTotal", along: "column", addends: leaves(TABLE3_ROWS_2021), addendsLabel: "各办理结果" },
    ]);
    expect(cellInfo(e2021, "applications.handledTotal.natural")!.formulas[0]!.addends).toHaveLength(21);
    expect(cellInfo(e2019, "applications.handledTotal.natural")!.formulas[0]!.addends).toEqual(leaves(TABLE3_ROWS_2019));
    expect(cellInfo(e2019, "applications.handledTotal.natural")!.formulas[0]!.addends).toHaveLength(19);
  });
  it("总计 column sums the six applicant types; table 四 总计 sums its four results", () => {
    const f = cellInfo(e2021, "applications.received.total")!.formulas;
    expect(f).toEqual([
      {
        rule: "applications.rowTotal",
        along: "row",
        addends: T3_COLUMN_KEYS.slice(0, 6).map((c) => `applications.received.${c}`),
        addendsLabel: "各申请人类型",
      },
    ]);
    expect(cellInfo(e2021, "appeals.litigationAfterReview.total")!.formulas).toEqual([
      {
        rule: "appeals.total",
        along: "row",
        addends: ["upheld", "corrected", "other", "pending"].map((c) => `appeals.litigationAfterReview.${c}`),
        addendsLabel: "结果维持、结果纠正、其他结果、尚未审结",
      },
    ]);
    // The corner cell is derived both ways.
    expect(cellInfo(e2021, "applications.handledTotal.total")!.formulas.map((x) => x.rule)).toEqual([
      "applications.rowTotal",
      "applications.handledTotal",
    ]);
  });
});

describe("structural invariants of every edition", () => {
  for (const e of EDITIONS) {
    it(`${e.id}: keys are unique, tables are named after their sections, checks refer to existing cells`, () => {
      for (const t of TABLE_KEYS) {
        const table = e.tables[t];
        expect(table.key).toBe(t);
        const section = e.sections.find((s) => s.tableKey === t)!;
        expect(table.name).toBe(`表${section.number}`);
        expect(section.heading).toBe(`${section.number}、${table.title}`);
        const rowKeys = table.blocks.flatMap((b) => b.rows.map((r) => r.key));
        expect(new Set(rowKeys).size).toBe(rowKeys.length);
        for (const b of table.blocks) expect(new Set(b.columns.map((c) => c.key)).size).toBe(b.columns.length);
      }
      const refs = new Set(allCells(e).map((c) => c.ref));
      for (const check of e.checks) {
        const rows = "rows" in check ? check.rows : "row" in check ? [check.row, check.fromRow] : [...check.left, ...check.right];
        for (const r of rows) expect([...refs].some((ref) => ref.startsWith(`${check.table}.${r}.`)), `${check.rule} ${r}`).toBe(true);
      }
    });
    it(`${e.id}: every rule id named by the template exists in the rule catalogue`, () => {
      const ids = [
        ...allCells(e).flatMap((c) => c.formulas.map((f) => f.rule)),
        ...e.checks.map((c) => c.rule),
        ...e.sections.flatMap((s) => (s.requiredStatements ?? []).map((r) => r.rule)),
      ];
      for (const id of ids) expect(Object.keys(RULES)).toContain(id);
    });
    it(`${e.id}: sections use the shared keys in order; the figures a narrative states point to existing cells`, () => {
      expect(e.sections.map((s) => s.number)).toEqual([...SECTION_NUMBERS]);
      expect(e.sections.flatMap((s) => s.narrativeKey ?? [])).toEqual([...NARRATIVE_KEYS]);
      expect(e.sections.flatMap((s) => s.tableKey ?? [])).toEqual([...TABLE_KEYS]);
      for (const s of e.sections) if (s.tableKey) expect(TABLE_OF_SECTION[s.number]).toBe(s.tableKey);
      for (const k of NARRATIVE_KEYS) expect(e.sections.find((s) => s.narrativeKey === k)!.heading).toBe(NARRATIVE_HEADINGS[k]);
      const figures = Object.entries(e.narrativeFigures);
      expect(figures.length).toBeGreaterThan(0);
      for (const [figure, cells] of figures) for (const ref of cells) expect(cellInfo(e, ref), `${figure} ${ref}`).toBeDefined();
    });
  }
  it("the section → table map is read from the editions: 二 → proactive, 三 → applications, 四 → appeals", () => {
    expect(TABLE_OF_SECTION).toEqual({ 二: "proactive", 三: "applications", 四: "appeals" });
  });
});
