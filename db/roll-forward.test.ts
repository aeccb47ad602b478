import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import seed from "../lib/fixtures/seed-001-nantong-2020.json";
import example2023 from "../lib/fixtures/example-2021-shifan-2023.json";
import { computeDerived, parseReport, withCell } from "../lib/data";
import type { Actor } from "../lib/auth/access";
import { getAgencyByCode } from "./agencies";
import type { Db } from "./client";
import { createReport, readReportData, saveReport, validateWithHistory } from "./reports";
import { reports } from "./schema";
import { findUserByLogin } from "./users";
import { useTempDb } from "./testing/temp-db";
import { runSqlite } from "./run-sqlite";

let db: Db;
useTempDb("roll", (d) => (db = d));
const actor = (login: string): Actor => {
  const u = runSqlite(db, findUserByLogin(login))!;
  return { id: u.id, role: u.role, agencyId: u.agencyId };
};
function insertReport(code: string, fixture: unknown, year: number) {
  const agency = runSqlite(db, getAgencyByCode(code))!;
  const parsed = parseReport({ ...(fixture as object), year, agency: { name: agency.name } });
  if (!parsed.ok) throw new Error("fixture");
  return db.insert(reports).values({ agencyId: agency.id, year, edition: parsed.report.edition, data: JSON.stringify(parsed.report) }).returning().get();
}

describe("roll forward from last year", () => {
  it("2020 (2019 edition) → 2021: 上年结转 from last year's 结转下年度, narratives not copied", () => {
    // Last year consistent in its carried-forward row (the seed itself prints other errors, irrelevant here).
    const last = insertReport("sfsyjj", computeDerived(withCell(parseOk(seed), "applications.carriedForward.natural", 3)), 2020);
    expect(last.edition).toBe("2019");
    const out = createReport(db, actor("yingji-drafter"), 2021, { rollForward: true });
    if (!out.ok) throw new Error(out.error);
    const row = db.select().from(reports).where(eq(reports.id, out.id)).get()!;
    const doc = readReportData(row, "示范市应急管理局");
    expect(doc.edition).toBe("2021");
    expect(doc.tables.applications.carriedOver).toMatchObject({ natural: 3, commercial: 0, total: 3 });
    expect(doc.tables.applications.received!.natural).toBeNull();
    expect(doc.narrative).toEqual({ overview: "", problems: "", other: "" });
    // The cross-year check sees last year's report.
    expect(validateWithHistory(db, row.agencyId, doc).issues.filter((i) => i.rule.startsWith("carry.")).map((i) => i.message)).toEqual([]);
    const edited = withCell(doc, "applications.carriedOver.natural", 4);
    const saved = saveReport(db, actor("yingji-drafter"), out.id, row.version, edited);
    if (saved.kind !== "saved") throw new Error(saved.kind);
    expect(saved.validation.issues.find((i) => i.rule === "carry.applications")?.message).toContain("自然人");
  });

  it("without roll-forward, or without a previous report, the draft is blank", () => {
    insertReport("sfssthjj", example2023, 2023);
    const plain = createReport(db, actor("shengtai-drafter"), 2024, { rollForward: false });
    if (!plain.ok) throw new Error(plain.error);
    const doc = readReportData(db.select().from(reports).where(eq(reports.id, plain.id)).get()!, "示范市生态环境局");
    expect(doc.tables.applications.carriedOver!.natural).toBeNull();
    const none = createReport(db, actor("jiaotong-drafter"), 2024, { rollForward: true });
    if (!none.ok) throw new Error(none.error);
    const blank = readReportData(db.select().from(reports).where(eq(reports.id, none.id)).get()!, "示范市交通运输局");
    expect(blank.tables.applications.carriedOver!.natural).toBeNull();
  });
});

function parseOk(x: unknown) {
  const r = parseReport(x);
  if (!r.ok) throw new Error("fixture");
  return r.report;
}
