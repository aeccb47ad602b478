// Crash safety of autosave: a production server of its own (own database, own port) is killed with
// SIGKILL — no shutdown, no flush — while drafters are saving, three times over, and restarted on
// the same file. Every save the server acknowledged (HTTP 200 with a version) must be there
// afterwards with exactly the data sent (totals recomputed by the server), with one audit entry per
// version — from which every acknowledged version is rebuilt — and the database must pass SQLite's
// integrity check. A save that was in flight at the kill may or may not have landed — but only
// whole, with its audit entry.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { signInOverHttp, type ApiSession } from "../bench/support/api-client";
import { createDrafters, editFor, expectedStored, type Drafter } from "../bench/support/drafters";
import { killGroup } from "../bench/support/cluster";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { replayReportVersions } from "../db/audit";
import { openDatabase, type Db } from "../db/client";
import * as schema from "../db/schema";
import { DEMO_PASSWORD } from "../db/seed";
import { agencies } from "../db/schema";
import { runSqlite } from "../db/run-sqlite";
import { parseReport, type ReportDoc } from "../lib/data";

const DRAFTERS = 4;
const ROUNDS = 3;

/** A port nothing listens on (CRASH_TEST_PORT, or one the system picks): a stale server must not answer for ours. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", () => reject(new Error(`port ${process.env.CRASH_TEST_PORT} is in use`)));
    s.listen(Number(process.env.CRASH_TEST_PORT ?? 0), () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** `npm start` in a process group of its own, so SIGKILL reaches next's server process too. */
async function startServer(port: number, dbPath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, PORT: String(port), DATABASE_PATH: dbPath, AUTH_SECRET: "crash-test-secret-0123456789abcdefghijklmnopqrstuv", NEXT_TELEMETRY_DISABLED: "1", NIANBAO_DEMO: "1" },
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Client {
  drafter: Drafter;
  agency: { name: string; code: string };
  session: ApiSession;
  version: number;
  seq: number;
  /** Saves answered 200, in order. */
  acks: { version: number; sent: ReportDoc }[];
  /** The save whose answer never came (the server died): it may or may not be stored. */
  inFlight: ReportDoc | null;
}

let stopped = false;

/** Saves as fast as the server answers until a request fails (the server was killed). */
async function saveUntilKilled(base: string, c: Client): Promise<void> {
  while (!stopped) {
    c.seq++;
    const sent = editFor(c.drafter.doc, c.seq);
    c.inFlight = sent;
    let status: number;
    let body: { version?: number; unchanged?: boolean };
    try {
      const res = await fetch(`${base}/api/reports/${c.drafter.reportId}`, {
        method: "PUT",
        headers: { "content-type": "application/json", cookie: c.session.cookie },
        body: JSON.stringify({ version: c.version, data: sent }),
      });
      status = res.status;
      body = (await res.json()) as typeof body;
    } catch {
      return; // refused or cut off: the server is gone, the answer never came
    }
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.unchanged).toBe(false);
    c.acks.push({ version: body.version!, sent });
    c.version = body.version!;
    c.inFlight = null;
  }
}

test("SIGKILL during autosave loses no acknowledged save and leaves a sound database", async () => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), "nianbao-crash-"));
  const dbPath = join(dir, "crash.db");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await startServer(port, dbPath);
  try {
    const setup = openDatabase(dbPath, { seed: false });
    const drafters = createDrafters(setup, DRAFTERS, "crash");
    const clients: Client[] = [];
    let landedUnacknowledged = 0;
    for (const d of drafters) {
      const agency = setup.select().from(agencies).where(eq(agencies.id, d.agencyId)).get()!;
      clients.push({ drafter: d, agency, session: await signInOverHttp(base, d.login, DEMO_PASSWORD), version: d.version, seq: 0, acks: [], inFlight: null });
    }
    setup.$client.close();

    for (let round = 1; round <= ROUNDS; round++) {
      const ackedBefore = clients.reduce((n, c) => n + c.acks.length, 0);
      const saving = clients.map((c) => saveUntilKilled(base, c));
      // Let the saves get going (a slow machine must not make the round vacuous), then kill at a
      // moment that differs per round; requests are always in flight.
      const deadline = Date.now() + 20_000;
      while (clients.reduce((n, c) => n + c.acks.length, 0) < ackedBefore + 2 * clients.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 150 * round));
      await killGroup(server, "SIGKILL");
      await Promise.all(saving);
      expect(clients.reduce((n, c) => n + c.acks.length, 0), `round ${round}: saves were acknowledged before the kill`).toBeGreaterThan(ackedBefore);

      // The file as the killed server left it, through a fresh connection.
      const db = new Database(dbPath);
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      for (const c of clients) {
        const row = db.prepare("select version, data from reports where id = ?").get(c.drafter.reportId) as { version: number; data: string };
        const last = c.acks.at(-1);
        const lastVersion = last?.version ?? c.drafter.version;
        // At the last acknowledged version, or one further: the in-flight save, whole.
        expect(row.version, `${c.drafter.login}: acknowledged version ${lastVersion} is stored`).toBeGreaterThanOrEqual(lastVersion);
        expect(row.version).toBeLessThanOrEqual(lastVersion + (c.inFlight ? 1 : 0));
        const stored = parseReport(JSON.parse(row.data));
        expect(stored.ok).toBe(true);
        const landed = row.version === lastVersion ? last?.sent : c.inFlight;
        if (landed) expect(isDeepStrictEqual(stored.ok && stored.report, expectedStored(landed, c.agency)), `${c.drafter.login}: data of version ${row.version} is what was sent`).toBe(true);
        if (row.version > lastVersion) {
          c.acks.push({ version: row.version, sent: c.inFlight! }); // landed unacknowledged: it is the base now
          landedUnacknowledged++;
        }
        c.version = row.version;
        c.inFlight = null;
        // One audit entry per version, none missing, none doubled.
        const audited = (db.prepare("select after from audit_log where action = 'report.save' and entity_id = ? order by id").all(c.drafter.reportId) as { after: string }[])
          .map((a) => (JSON.parse(a.after) as { version: number }).version)
          .filter((v) => v > c.drafter.version);
        expect(audited, `${c.drafter.login}: audit entries`).toEqual(c.acks.map((a) => a.version));
        // … and from those entries every acknowledged version is rebuilt with exactly the data sent.
        const replay = runSqlite(drizzle(db, { schema }) as unknown as Db, replayReportVersions(c.drafter.reportId))!;
        for (const a of c.acks) {
          const text = replay.versions.get(a.version);
          const doc = text === undefined ? null : parseReport(JSON.parse(text));
          expect(doc?.ok && isDeepStrictEqual(doc.report, expectedStored(a.sent, c.agency)), `${c.drafter.login}: version ${a.version} rebuilt from the audit log`).toBe(true);
        }
      }
      db.close();

      server = await startServer(port, dbPath);
      // The restarted server serves the same versions, and the old sessions still work.
      for (const c of clients) {
        const res = await fetch(`${base}/api/reports/${c.drafter.reportId}`, { headers: { cookie: c.session.cookie } });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { version: number }).version).toBe(c.version);
      }
    }
    const total = clients.reduce((n, c) => n + c.acks.length, 0);
    console.log(`crash-safety: ${ROUNDS} SIGKILLs during ${total} saves by ${clients.length} drafters; ${landedUnacknowledged} in-flight saves had landed whole, the rest of the in-flight ones not at all`);
    expect(total).toBeGreaterThan(ROUNDS * clients.length);
  } finally {
    stopped = true; // after a failure, other clients may still be saving
    await killGroup(server, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});
