import { expect, test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { agencies, auditLog, reports } from "../db/schema";
import { e2eDb } from "./helpers";
import { apiClient } from "./support/setup";

test("100 racing edits of one report from two clients: every loser gets the conflict answer, nothing is silently overwritten", async ({ baseURL }) => {
  const a = await apiClient(baseURL!, "yingji-drafter");
  const b = await apiClient(baseURL!, "yingji-drafter");
  // A report of its own for this test (report year 2019, untouched by the other tests).
  const db = e2eDb();
  const agency = db.select().from(agencies).where(eq(agencies.code, "sfsyjj")).get()!;
  const row = db
    .insert(reports)
    .values({ agencyId: agency.id, year: 2019, edition: "2019", data: JSON.stringify({ format: "nianbao/report@1", edition: "2019", year: 2019, agency: { name: agency.name }, narrative: { overview: "", problems: "", other: "" }, tables: { proactive: {}, applications: {}, appeals: {} } }) })
    .onConflictDoNothing()
    .returning()
    .get();
  const id = row?.id ?? db.select().from(reports).where(and(eq(reports.agencyId, agency.id), eq(reports.year, 2019))).get()!.id;

  let lastWinner: number | null = null;
  for (let round = 0; round < 100; round++) {
    const current = await (await a.get(`/api/reports/${id}`)).json();
    const editA = structuredClone(current.data);
    const editB = structuredClone(current.data);
    editA.tables.appeals.review.upheld = round * 2;
    editB.tables.appeals.review.upheld = round * 2 + 1;
    const [ra, rb] = await Promise.all([
      a.put(`/api/reports/${id}`, { data: { version: current.version, data: editA } }),
      b.put(`/api/reports/${id}`, { data: { version: current.version, data: editB } }),
    ]);
    const statuses = [ra.status(), rb.status()].sort();
    // Both edited the same version: exactly one is accepted, the other is told it lost.
    expect(statuses).toEqual([200, 409]);
    lastWinner = ra.status() === 200 ? round * 2 : round * 2 + 1;
    const loser = ra.status() === 409 ? ra : rb;
    const body = await loser.json();
    expect(body.code).toBe("conflict");
    expect(body.current.data.tables.appeals.review.upheld).toBe(lastWinner);
  }
  const final = await (await a.get(`/api/reports/${id}`)).json();
  expect(final.data.tables.appeals.review.upheld).toBe(lastWinner);
  // Exactly one accepted save per round reached the database.
  const saves = db.select().from(auditLog).where(and(eq(auditLog.action, "report.save"), eq(auditLog.entityId, id))).all();
  expect(saves).toHaveLength(100);
  await a.dispose();
  await b.dispose();
});
