// A PDF in a quality run (issue 18 §1b): a report printed to PDF by Chromium (as a portal's
// "print to PDF" gives it) goes through the upload path — inside a .zip, unpacked, stored with the
// run, imported in the server's worker thread — and is found to have exactly its planted problem,
// at the agency its document names.
import { eq } from "drizzle-orm";
import { chromium } from "@playwright/test";
import { describe, expect, it } from "vitest";
import { withCell } from "../lib/data";
import { unpackUpload } from "../lib/quality/files";
import { variantReport, WRONG_TOTAL_CELL } from "../lib/quality/testing/generate";
import { writeZip } from "../lib/quality/testing/zip-writer";
import { renderHtml } from "../lib/render";
import type { Db } from "./client";
import { createRun, getRunForActor, runResult, startRun, workerImporter } from "./quality";
import { users } from "./schema";
import { useTempDb } from "./testing/temp-db";
import { runSqlite, sqliteStore } from "./store";

let db: Db;
useTempDb("quality-pdf", (d) => (db = d));

async function printToPdf(html: string): Promise<Uint8Array> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    return new Uint8Array(await page.pdf({ format: "A4", printBackground: true }));
  } finally {
    await browser.close();
  }
}

describe("a PDF in a quality run", { timeout: 120_000 }, () => {
  it("is read in the worker and checked like any file: the planted wrong total at the right agency, nothing else", async () => {
    const clean = variantReport({ agency: "示范市生态环境局", seed: 41 });
    const doc = variantReport({ agency: "示范市应急管理局", seed: 42 });
    const wrong = withCell(doc, WRONG_TOTAL_CELL, doc.tables.appeals.review!.total! + 2);
    const zip = writeZip([
      { name: "年报/应急管理局年报.pdf", data: await printToPdf(renderHtml(wrong)) },
      { name: "年报/生态环境局年报.html", data: new TextEncoder().encode(renderHtml(clean)) },
    ]);
    const unpacked = unpackUpload([{ name: "年报.zip", bytes: zip }]);
    if (!unpacked.ok) throw new Error(unpacked.error);
    expect(unpacked.files.map((f) => f.name)).toEqual(["应急管理局年报.pdf", "生态环境局年报.html"]);

    const u = db.select().from(users).where(eq(users.login, "supervisor")).get()!;
    const actor = { id: u.id, role: u.role, agencyId: u.agencyId } as const;
    const created = runSqlite(db, createRun(actor, 2024, unpacked.files));
    if (!created.ok) throw new Error(created.error);
    await startRun(sqliteStore(db), created.runId, workerImporter);
    const run = runSqlite(db, getRunForActor(actor, created.runId))!;
    expect(run.status).toBe("done");
    const items = runSqlite(db, runResult(run)).result.items;
    expect(Object.fromEntries(items.map((i) => [i.agency, i.findings.map((f) => [f.rule, f.cell])]))).toEqual({
      示范市应急管理局: [["appeals.total", WRONG_TOTAL_CELL]],
      示范市生态环境局: [],
    });
    const hit = items.find((i) => i.agency === "示范市应急管理局")!;
    expect(hit.findings[0]).toMatchObject({ reported: doc.tables.appeals.review!.total! + 2, computed: doc.tables.appeals.review!.total! });
    expect(hit.matchConfidence).toBe("exact");
    expect(hit.date).toBe("2025-01-20");
  });
});
