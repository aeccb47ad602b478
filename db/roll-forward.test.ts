import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import seed from "../lib/fixtures/seed-001-nantong-2020.json";
import example2023 from "../lib/fixtures/example-2021-shifan-2023.json";
import { computeDerived, parseReport, withCell } from "../lib/data";
import type { Actor } from "../lib/auth/access";
import { getAgencyByCode } from "./agencies";
import { createReport, readReportData, saveReport, validateWithHistory } from "./reports";
import { actorsByLogin } from "./testing/actors";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { all, one } from "./unit";

let s: TempStore;
let actors: Map<string, Actor>;
useTempStore("roll", async (store) => {
  s = store;
  actors = await s.run(actorsByLogin());
});
const actor = (login: string): Actor => actors.get(login)!;
async function insertReport(code: string, fixture: unknown, year: number) {
  const agency = (await s.run(getAgencyByCode(code)))!;
  const parsed = parseReport({ ...(fixture as object), year, agency: { name: agency.name } });
  if (!parsed.ok) throw new Error("fixture");
  const rows = await s.run(all((d, t) => d.insert(t.reports).values({ agencyId: agency.id, year, edition: parsed.report.edition, data: JSON.stringify(parsed.report) }).returning()));
  return rows[0]!;
}
const reportRow = async (id: number) => (await s.run(one((d, t) => d.select().from(t.reports).where(eq(t.reports.id, id)))))!;

describe(`roll forward from last year (${TEST_DIALECT})`, () => {
  it("2020 (2019 edition) → 2021: 上年结转 from last year's 结转下年度, narratives not copied", async () => {
    // Last year consistent in its carried-forward row (the seed itself prints other errors, irrelevant here).
    const last = await insertReport("sfsyjj", computeDerived(withCell(parseOk(seed), "applications.carriedForward.natural", 3)), 2020);
    expect(last.edition).toBe("2019");
    const out = await s.run(createReport(actor("yingji-drafter"), 2021, { rollForward: true }));
    if (!out.ok) throw new Error(out.error);
    const row = await reportRow(out.id);
    const doc = readReportData(row, "示范市应急管理局");
    expect(doc.edition).toBe("2021");
    expect(doc.tables.applications.carriedOver).toMatchObject({ natural: 3, commercial: 0, total: 3 });
    expect(doc.tables.applications.received!.natural).toBeNull();
    expect(doc.narrative).toEqual({ overview: "", problems: "", other: "" });
    // The cross-year check sees last year's report.
    expect((await s.run(validateWithHistory(row.agencyId, doc))).issues.filter((i) => i.rule.startsWith("carry.")).map((i) => i.message)).toEqual([]);
    const edited = withCell(doc, "applications.carriedOver.natural", 4);
    const saved = await s.run(saveReport(actor("yingji-drafter"), out.id, row.version, edited));
    if (saved.kind !== "saved") throw new Error(saved.kind);
    expect(saved.validation.issues.find((i) => i.rule === "carry.applications")?.message).toContain("自然人");
  });

  it("without roll-forward, or without a previous report, the draft is blank", async () => {
    await insertReport("sfssthjj", example2023, 2023);
    const plain = await s.run(createReport(actor("shengtai-drafter"), 2024, { rollForward: false }));
    if (!plain.ok) throw new Error(plain.error);
    const doc = readReportData(await reportRow(plain.id), "示范市生态环境局");
    expect(doc.tables.applications.carriedOver!.natural).toBeNull();
    const none = await s.run(createReport(actor("jiaotong-drafter"), 2024, { rollForward: true }));
    if (!none.ok) throw new Error(none.error);
    const blank = readReportData(await reportRow(none.id), "示范市交通运输局");
    expect(blank.tables.applications.carriedOver!.natural).toBeNull();
  });
});

function parseOk(x: unknown) {
  const r = parseReport(x);
  if (!r.ok) throw new Error("fixture");
  return r.report;
}
