import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeDerived, locateJsonError, MAX_CELL_MAGNITUDE, MAX_META_CHARS, MAX_NARRATIVE_CHARS, MAX_TOTAL_MAGNITUDE, parseReport, parseReportJson, parseStoredReport, reportSchema, type ParseResult } from "./index";
import { EDITIONS, allCells, getEdition } from "../template";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const seedText = fixture("seed-001-nantong-2020.json");
const example2024 = JSON.parse(fixture("example-2021-shifan-2024.json")) as Record<string, unknown>;

function minimal(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { format: "nianbao/report@1", edition: "2021", year: 2024, agency: { name: "某局" }, ...extra };
}

function errorsOf(r: ParseResult) {
  if (r.ok) throw new Error("expected a rejection");
  return r.errors;
}

const CJK = /[\u4e00-\u9fff]/;

describe("parseReport: accepts", () => {
  it("the fixtures", () => {
    for (const f of ["seed-001-nantong-2020.json", "example-2021-shifan-2023.json", "example-2021-shifan-2024.json"]) {
      expect(parseReportJson(fixture(f)).ok, f).toBe(true);
    }
  });

  it("a minimal document, filling every cell of the edition with null and narratives with empty text", () => {
    const r = parseReport(minimal());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    for (const c of allCells(getEdition("2021"))) expect(r.report.tables[c.table][c.row]![c.column]).toBeNull();
    expect(r.report.narrative).toEqual({ overview: "", problems: "", other: "" });
    expect(r.report.meta).toBeUndefined();
  });

  it("missing keys as null, explicit null as null, 0 as 0", () => {
    const r = parseReport(minimal({ tables: { applications: { received: { natural: 0, commercial: null } } } }));
    if (!r.ok) throw new Error();
    expect(r.report.tables.applications.received).toMatchObject({ natural: 0, commercial: null, research: null });
  });

  it("negative and fractional numbers (the rule engine reports them at the cell)", () => {
    const r = parseReport(minimal({ tables: { applications: { received: { natural: -1, commercial: 1.5 } } } }));
    expect(r.ok).toBe(true);
  });

  it("extra agency and meta fields, kept", () => {
    const r = parseReport(minimal({ agency: { name: " 某局 ", code: "X1", region: "某市" }, meta: { title: "T", custom: 1 } }));
    if (!r.ok) throw new Error();
    expect(r.report.agency).toEqual({ name: "某局", code: "X1", region: "某市" });
    expect(r.report.meta).toEqual({ title: "T", custom: 1 });
  });

  it("a year whose official edition differs (the rule engine warns instead)", () => {
    expect(parseReport(minimal({ edition: "2019", year: 2022 })).ok).toBe(true);
  });

  it("a UTF-8 byte order mark before the JSON", () => {
    expect(parseReportJson(`\uFEFF${JSON.stringify(minimal())}`).ok).toBe(true);
  });

  it("does not keep references to the input", () => {
    const input = minimal({ tables: { appeals: { review: { upheld: 1 } } } });
    const r = parseReport(input);
    if (!r.ok) throw new Error();
    ((input.tables as Record<string, Record<string, Record<string, number>>>).appeals!.review!).upheld = 9;
    expect(r.report.tables.appeals.review!.upheld).toBe(1);
  });
});

describe("parseReport: rejects with Chinese messages naming the path", () => {
  it("a string in a cell", () => {
    const errors = errorsOf(parseReport(minimal({ tables: { applications: { received: { natural: "abc" } } } })));
    expect(errors).toEqual([
      { path: "tables.applications.received.natural", message: 'tables.applications.received.natural：应为数字或 null，实际为字符串 "abc"' },
    ]);
  });

  it("wrong types elsewhere", () => {
    const errors = errorsOf(parseReport(minimal({ year: "2024", agency: { name: 3 }, narrative: { overview: 1 }, tables: { proactive: [] } })));
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath.year).toBe('year：应为2019 到 2100 之间的整数，实际为字符串 "2024"');
    expect(byPath["agency.name"]).toBe("agency.name：应为字符串（机关名称），实际为数字 3");
    expect(byPath["narrative.overview"]).toBe("narrative.overview：应为字符串或 null，实际为数字 1");
    expect(byPath["tables.proactive"]).toMatch(/^tables\.proactive：应为对象（表二（主动公开政府信息情况）.*实际为数组$/);
  });

  it("a missing or empty agency name", () => {
    expect(errorsOf(parseReport(minimal({ agency: {} })))[0]!.message).toBe("agency.name：缺少必填字段，应为字符串（机关名称）");
    expect(errorsOf(parseReport(minimal({ agency: { name: "  " } })))[0]!.message).toBe("agency.name：不能为空");
  });

  it("a non-object document", () => {
    expect(errorsOf(parseReport([]))[0]).toEqual({ path: "", message: "（根）：应为 JSON 对象（nianbao/report@1 报告），实际为数组" });
    expect(errorsOf(parseReport(null))[0]!.message).toMatch(/实际为null$/);
  });

  it("a wrong or missing format", () => {
    expect(errorsOf(parseReport({ ...minimal(), format: "nianbao/report@2" }))).toEqual([
      { path: "format", message: 'format：不支持的文件格式 字符串 "nianbao/report@2"，应为 "nianbao/report@1"' },
    ]);
    const { format: _f, ...noFormat } = minimal();
    expect(errorsOf(parseReport(noFormat))[0]!.message).toBe('format：缺少 format 字段，应为 "nianbao/report@1"');
  });

  it("an unknown edition, listing the supported ones", () => {
    const [e] = errorsOf(parseReport(minimal({ edition: "2020" })));
    expect(e!.path).toBe("edition");
    expect(e!.message).toBe(
      'edition：不支持的格式版本 字符串 "2020"，支持的版本："2021"（国办公开办函〔2021〕30号，2021 年度起）、"2019"（国办公开办函〔2019〕60号，2019–2020 年度）',
    );
    expect(errorsOf(parseReport(minimal({ edition: undefined })))[0]!.message).toMatch(/^edition：缺少 edition 字段/);
  });

  it("an unknown row key (a typo must not be dropped silently)", () => {
    const [e] = errorsOf(parseReport(minimal({ tables: { applications: { recieved: { natural: 1 } } } })));
    expect(e!.path).toBe("tables.applications.recieved");
    expect(e!.message).toMatch(/^tables\.applications\.recieved：表三（2021 年版）没有 "recieved" 这一行（可用的行：received、carriedOver、/);
  });

  it("a row of the other edition", () => {
    const [e] = errorsOf(parseReport(minimal({ tables: { applications: { otherHandling: { natural: 1 } } } })));
    expect(e!.path).toBe("tables.applications.otherHandling");
  });

  it("an unknown column, table, narrative part or top-level field", () => {
    const errors = errorsOf(
      parseReport(
        minimal({
          tables: { applications: { received: { naturall: 1 } }, fees: {} },
          narrative: { overveiw: "x" },
          extra: true,
        }),
      ),
    );
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath["tables.applications.received.naturall"]).toBe(
      'tables.applications.received.naturall：表三的 "received" 行没有 "naturall" 这一列（可用的列：natural、commercial、research、nonprofit、legalService、otherOrg、total）',
    );
    expect(byPath["tables.fees"]).toBe('tables.fees：未知的表 "fees"（可用：proactive、applications、appeals）');
    expect(byPath["narrative.overveiw"]).toBe('narrative.overveiw：未知的叙述部分 "overveiw"（可用：overview、problems、other）');
    expect(byPath.extra).toMatch(/^extra：未知的字段 "extra"/);
  });

  it("out-of-range and non-finite numbers", () => {
    const errors = errorsOf(
      parseReport(minimal({ tables: { appeals: { review: { upheld: 1e13, corrected: -2e12, other: Infinity, pending: NaN } } } })),
    );
    expect(errors.map((e) => e.message)).toEqual([
      "tables.appeals.review.upheld：数值 10000000000000 超出允许范围（绝对值不得超过 1000000000000）",
      "tables.appeals.review.corrected：数值 -2000000000000 超出允许范围（绝对值不得超过 1000000000000）",
      "tables.appeals.review.other：数值 Infinity 无效，应为有限的数字",
      "tables.appeals.review.pending：数值 NaN 无效，应为有限的数字",
    ]);
    expect(errorsOf(parseReport(minimal({ year: 2018 })))[0]!.message).toBe("year：年度应为 2019 到 2100 之间的整数，实际为 2018");
    expect(errorsOf(parseReport(minimal({ year: 2024.5 })))[0]!.path).toBe("year");
  });

  it("accepts the largest allowed magnitude", () => {
    expect(parseReport(minimal({ tables: { appeals: { review: { upheld: 1e12 } } } })).ok).toBe(true);
  });
});

describe("parseReportJson: malformed JSON", () => {
  it("names line and column", () => {
    const text = '{\n  "format": "nianbao/report@1",\n  "year": 2024,\n}\n';
    expect(errorsOf(parseReportJson(text))).toEqual([{ path: "", message: "（根）：JSON 格式错误：第 4 行第 1 列，对象最后一项后面多了逗号" }]);
  });
  it.each([
    ['{"a": abc}', 1, 7],
    ['{"a": 1', 1, 8],
    ["", 1, 1],
    ['{"a": 1} x', 1, 10],
    ['{"a": "x\ny"}', 1, 9],
    ["[1, 2,]", 1, 7],
    ['{\n"a": 01}', 2, 7],
  ])("%j → line %i column %i", (text, line, column) => {
    expect(() => JSON.parse(text)).toThrow();
    const where = locateJsonError(text);
    expect(where).toMatchObject({ line, column });
    expect(errorsOf(parseReportJson(text))[0]!.message).toMatch(new RegExp(`^（根）：JSON 格式错误：第 ${line} 行第 ${column} 列，`));
  });
  it("finds no error in valid JSON", () => {
    fc.assert(fc.property(fc.json(), (text) => locateJsonError(text) === undefined));
  });
});

describe("parseStoredReport: a stored JSON column", () => {
  it("reads a stored report, also one longer than today's text caps; null for anything unreadable", () => {
    expect(parseStoredReport(seedText)?.agency.name).toBe((JSON.parse(seedText) as { agency: { name: string } }).agency.name);
    const long = JSON.stringify(minimal({ narrative: { overview: "字".repeat(MAX_NARRATIVE_CHARS + 1) } }));
    expect(parseStoredReport(long)?.narrative.overview).toHaveLength(MAX_NARRATIVE_CHARS + 1);
    for (const bad of ["", "{", "null", "[]", JSON.stringify(minimal({ edition: "2008" }))]) expect(parseStoredReport(bad)).toBeNull();
  });
});

describe("round trip", () => {
  it("null and 0 survive parse → JSON.stringify → parse", () => {
    const first = parseReportJson(JSON.stringify(minimal({ tables: { applications: { received: { natural: 0, commercial: null } } } })));
    if (!first.ok) throw new Error();
    const second = parseReportJson(JSON.stringify(first.report));
    if (!second.ok) throw new Error();
    expect(second.report).toEqual(first.report);
    expect(second.report.tables.applications.received!.natural).toBe(0);
    expect(second.report.tables.applications.received!.commercial).toBeNull();
    expect(second.report.tables.applications.received!.research).toBeNull();
  });
  it("the seed keeps every value as printed", () => {
    const r = parseReportJson(seedText);
    if (!r.ok) throw new Error();
    expect(JSON.parse(JSON.stringify(r.report))).toEqual(JSON.parse(seedText));
  });
});

describe("properties", () => {
  it("parseReport never throws; every rejection has a path and a Chinese message starting with it", () => {
    const check = (input: unknown) => {
      const r = parseReport(input);
      if (!r.ok) {
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) {
          expect(typeof e.path).toBe("string");
          expect(e.message).toMatch(CJK);
          expect(e.message.startsWith(`${e.path || "（根）"}：`)).toBe(true);
        }
      }
    };
    fc.assert(fc.property(fc.anything(), check), { numRuns: 300 });
    fc.assert(fc.property(fc.json(), (text) => check(JSON.parse(text))), { numRuns: 300 });
  });

  it("documents with random junk in random places are rejected at that path, never thrown", () => {
    const e = getEdition("2021");
    const cells = allCells(e);
    fc.assert(
      fc.property(fc.constantFrom(...cells), fc.oneof(fc.string(), fc.boolean(), fc.object(), fc.constant(1e16)), (cell, junk) => {
        const doc = structuredClone(example2024) as { tables: Record<string, Record<string, Record<string, unknown>>> };
        doc.tables[cell.table]![cell.row]![cell.column] = junk;
        const errors = errorsOf(parseReport(doc));
        expect(errors.map((x) => x.path)).toContain(`tables.${cell.ref}`);
      }),
      { numRuns: 200 },
    );
  });

  it("any report with number-or-null cells parses", () => {
    const e = getEdition("2019");
    const cells = allCells(e);
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { nil: null }), { minLength: cells.length, maxLength: cells.length }), (values) => {
        const tables: Record<string, Record<string, Record<string, number | null>>> = {};
        cells.forEach((c, i) => ((tables[c.table] ??= {})[c.row] ??= {})[c.column] = values[i]!);
        const r = parseReport({ format: "nianbao/report@1", edition: "2019", year: 2020, agency: { name: "x" }, tables });
        expect(r.ok).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe("what could not be stored is refused (found by lib/data/fuzz.test.ts)", () => {
  it("absurd nesting in the free-form agency and meta fields: JSON.stringify would overflow the stack on save", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const e = errorsOf(parseReport(minimal({ agency: { name: "某局", extra: deep } })));
    expect(e[0]!.path).toMatch(/^agency\.extra(\[0\])+$/);
    expect(e[0]!.message).toContain("嵌套层数过多");
    expect(parseReport(minimal({ meta: { a: { b: { c: [1, { d: "fine" }] } } } })).ok).toBe(true);
  });

  it("values JSON cannot carry in agency and meta (in-process callers): NaN, Infinity, a Date, a function", () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, new Date(0), () => 1]) {
      const e = errorsOf(parseReport(minimal({ agency: { name: "某局", extra: { v } } })));
      expect(e[0]!.path).toBe("agency.extra.v");
      expect(e[0]!.message).toMatch(CJK);
    }
  });

  it("malformed JSON nested too deeply for the position finder still gets a Chinese message", () => {
    const text = `${"[".repeat(20_000)}1,]`;
    const e = errorsOf(parseReportJson(text));
    expect(e[0]!.message).toMatch(/^（根）：JSON 格式错误/);
    expect(e[0]!.message).not.toMatch(/Unexpected|JSON at position|is not valid/);
  });
});

describe("totals the server computes can be stored and read back (found by e2e/fuzz-http.e2e.ts)", () => {
  it("no total adds up so many typed cells that cells within ±MAX_CELL_MAGNITUDE could exceed MAX_TOTAL_MAGNITUDE", () => {
    for (const e of EDITIONS) {
      const byRef = new Map(allCells(e).map((c) => [c.ref, c]));
      const leaves = (ref: string): number => {
        const c = byRef.get(ref)!;
        return c.derived ? c.formulas[0]!.addends.reduce((n, a) => n + leaves(a), 0) : 1;
      };
      for (const c of allCells(e).filter((x) => x.derived)) expect(leaves(c.ref) * MAX_CELL_MAGNITUDE, c.ref).toBeLessThanOrEqual(MAX_TOTAL_MAGNITUDE);
    }
  });

  it("every typed cell at ±1e12: the recomputed totals are far above 1e12, and the stored document parses", () => {
    for (const e of EDITIONS) {
      for (const v of [MAX_CELL_MAGNITUDE, -MAX_CELL_MAGNITUDE]) {
        const tables: Record<string, Record<string, Record<string, number>>> = {};
        for (const c of allCells(e)) if (!c.derived) ((tables[c.table] ??= {})[c.row] ??= {})[c.column] = v;
        const r = parseReport({ format: "nianbao/report@1", edition: e.id, year: e.appliesTo.fromYear, agency: { name: "某局" }, tables });
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        const stored = JSON.stringify(computeDerived(r.report));
        expect(Math.abs(computeDerived(r.report).tables.applications.handledTotal!.total!)).toBeGreaterThan(MAX_CELL_MAGNITUDE);
        expect(parseReportJson(stored).ok, e.id).toBe(true);
      }
    }
  });

  it("a typed cell is still limited to ±1e12, a total to ±1e15", () => {
    expect(errorsOf(parseReport(minimal({ tables: { appeals: { review: { upheld: 1e12 + 1 } } } })))[0]!.message).toContain("绝对值不得超过 1000000000000");
    expect(parseReport(minimal({ tables: { appeals: { review: { total: 5e12 } } } })).ok).toBe(true);
    expect(errorsOf(parseReport(minimal({ tables: { appeals: { review: { total: -2e15 } } } })))[0]!.message).toContain("绝对值不得超过 1000000000000000");
  });
});

describe("reportSchema", () => {
  it("is derived from the template: every row of every table is a key", () => {
    const schema = reportSchema(getEdition("2021"));
    const tablesShape = schema.shape.tables.unwrap().shape as Record<string, { unwrap(): { shape: Record<string, unknown> } }>;
    const rowKeys = Object.keys(tablesShape.applications!.unwrap().shape);
    expect(rowKeys).toEqual(getEdition("2021").tables.applications.blocks[0]!.rows.map((r) => r.key));
  });
});

describe("text length caps (issue 14: a 175 KB narrative exhausted the server's memory)", () => {
  it("refuses a narrative section over MAX_NARRATIVE_CHARS with a Chinese message naming the section", () => {
    const ok = parseReport(minimal({ narrative: { overview: "字".repeat(MAX_NARRATIVE_CHARS) } }));
    expect(ok.ok).toBe(true);
    const errors = errorsOf(parseReport(minimal({ narrative: { overview: "字".repeat(MAX_NARRATIVE_CHARS + 1) } })));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe("narrative.overview");
    expect(errors[0]!.message).toContain("「总体情况」过长");
    expect(errors[0]!.message).toContain(`上限 ${MAX_NARRATIVE_CHARS} 字`);
    expect(errors[0]!.message).toMatch(CJK);
  });
  it("refuses an over-long title or preamble", () => {
    const errors = errorsOf(parseReport(minimal({ meta: { preamble: "字".repeat(MAX_META_CHARS + 1) } })));
    expect(errors[0]!.message).toContain("「引言」过长");
  });
  it("a document stored before the caps still reads with textLimits: false (and can then be shortened)", () => {
    const doc = minimal({ narrative: { overview: "字".repeat(100_000) } });
    expect(parseReport(doc).ok).toBe(false);
    const r = parseReport(doc, { textLimits: false });
    expect(r.ok && r.report.narrative.overview.length).toBe(100_000);
  });
});
