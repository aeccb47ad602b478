// Two stateless app servers on ONE database (issue 19): two production servers (`npm start`, the
// same .next build, the same AUTH secret, ports E2E_PORT+1 and E2E_PORT+2) share a database, and
// requests are spread across them as a load balancer would. Shown here:
//   (a) 100 racing edits of one report through both servers: 0 silent overwrites — every 200 has a
//       base version of its own, every 409 carries the current version with its data, the stored
//       document is the last acknowledged one, and the audit log rebuilds every acknowledged version;
//   (b) a transition (submit, then publish) raced across both servers: exactly one winner, one audit
//       entry, one publish snapshot;
//   (c) SIGKILL of one server during a stream of saves to both: every acknowledged save is there
//       afterwards (the clients fail over to the other server, as behind a proxy);
//   (d) no stale in-process state: a save through A is read back through B at once (B's parsed-
//       document cache does not serve the old text), also in the editor page; a session signed out
//       through A is refused by B.
// The database: NIANBAO_TWO_SERVERS_DB=pg starts a throwaway PostgreSQL cluster of its own
// (scripts/postgres.mjs, port NIANBAO_TWO_SERVERS_PG_PORT or 55433) and copies the prepared
// database into it; =sqlite shares one SQLite file between the two processes (WAL) — a real
// configuration too. Without the variable: PostgreSQL (issue 19: the province's layout).
import { createServer } from "node:net";
import { isDeepStrictEqual } from "node:util";
import { expect, test } from "@playwright/test";
import { eq, sql } from "drizzle-orm";
import { signInOverHttp } from "../bench/support/api-client";
import { killGroup, prepareSharedDatabase, startAppServer, type AppServer, type DatabaseKind, type SharedDatabase } from "../bench/support/cluster";
import { createDrafters, expectedStored, type Drafter } from "../bench/support/drafters";
import { replayReportVersions } from "../db/audit";
import { agencies, users } from "../db/schema";
import { DEMO_PASSWORD } from "../db/seed";
import { rawAll, rawOne } from "../db/unit";
import { hashPasswordSync } from "../lib/auth/password";
import { parseReport, withCell, type ReportDoc } from "../lib/data";
import { watchErrors } from "./helpers";

/** "pg" once the data layer runs on PostgreSQL (issue 19): then `npm test` runs this on PostgreSQL. */
const DEFAULT_DB: DatabaseKind = "pg";
const KIND: DatabaseKind = (process.env.NIANBAO_TWO_SERVERS_DB || DEFAULT_DB) === "pg" ? "pg" : "sqlite";
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const PORTS = [E2E_PORT + 1, E2E_PORT + 2] as const;
const PG_PORT = Number(process.env.NIANBAO_TWO_SERVERS_PG_PORT) || 55433;

/** The `seq`-th edit of a report: 新收申请 and 予以公开 of 自然人 move together (a balanced, clean report). */
function edit(base: ReportDoc, seq: number): ReportDoc {
  const received = (base.tables.applications.received?.natural ?? 0) + seq;
  const granted = (base.tables.applications.granted?.natural ?? 0) + seq;
  return withCell(withCell(base, "applications.received.natural", received), "applications.granted.natural", granted);
}

/** Whether `got` (a stored text parsed, or a document from an answer) is what the server stores for `sent`. */
function isStoredAs(got: unknown, sent: ReportDoc, agency: { name: string; code: string }): boolean {
  const parsed = parseReport(got);
  return parsed.ok && isDeepStrictEqual(parsed.report, expectedStored(sent, agency));
}

type Answer = { status: number; body: Record<string, unknown> };

/** One signed-in client talking to one server (plain fetch: no browser headers, like the CLI). */
class Client {
  constructor(
    public server: AppServer,
    public cookie: string,
  ) {}
  static async signIn(server: AppServer, login: string): Promise<Client> {
    return new Client(server, (await signInOverHttp(server.url, login, DEMO_PASSWORD)).cookie);
  }
  /** Throws when the connection fails (the server is gone). */
  async call(method: string, path: string, body?: unknown): Promise<Answer> {
    const res = await fetch(`${this.server.url}${path}`, {
      method,
      redirect: "manual",
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text: text.slice(0, 300) };
    }
    return { status: res.status, body: parsed };
  }
  save(reportId: number, version: number, data: ReportDoc): Promise<Answer> {
    return this.call("PUT", `/api/reports/${reportId}`, { version, data });
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

interface World {
  drafters: Drafter[];
  agencyOf: Map<number, { name: string; code: string }>;
  reviewerLogin: string;
}

let shared: SharedDatabase;
let world: World;
const servers: AppServer[] = [];

/** The stored row and the audited save versions of a report, read from the shared database. */
async function storedRow(id: number): Promise<{ version: number; data: string; status: string }> {
  const row = await shared.store.run(rawOne<{ version: number | string; data: string; status: string }>(() => sql`select version, data, status from reports where id = ${id}`));
  return { version: Number(row!.version), data: row!.data, status: row!.status };
}
async function auditedActions(id: number, action: string): Promise<{ version?: number }[]> {
  const rows = await shared.store.run(rawAll<{ after: string | null }>(() => sql`select after from audit_log where action = ${action} and entity_type = 'report' and entity_id = ${id} order by id`));
  return rows.map((r) => (r.after ? (JSON.parse(r.after) as { version?: number }) : {}));
}
async function publishSnapshots(id: number): Promise<number> {
  const row = await shared.store.run(rawOne<{ n: number | string }>(() => sql`select count(*) as n from report_versions where report_id = ${id} and kind = 'publish'`));
  return Number(row!.n);
}

/** Every acknowledged version rebuilt from the audit log with exactly the data that was sent. */
async function expectReplayed(d: Drafter, acks: readonly { version: number; sent: ReportDoc }[]): Promise<void> {
  const replay = await shared.store.run(replayReportVersions(d.reportId));
  expect(replay, `audit replay of report ${d.reportId}`).toBeTruthy();
  const agency = world.agencyOf.get(d.agencyId)!;
  for (const a of acks) {
    const text = replay!.versions.get(a.version);
    expect(text, `version ${a.version} of report ${d.reportId} is in the audit log`).toBeDefined();
    expect(isStoredAs(JSON.parse(text!), a.sent, agency), `version ${a.version} rebuilt with the data sent`).toBe(true);
  }
}

test.describe.serial(`two app servers on one ${KIND === "pg" ? "PostgreSQL" : "SQLite"} database`, () => {
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    for (const p of PORTS) expect(await portFree(p), `port ${p} is free for the second app servers`).toBe(true);
    const prepared = await prepareSharedDatabase(
      KIND,
      (db) => {
        const drafters = createDrafters(db, 6, "two");
        const agencyOf = new Map(drafters.map((d) => [d.agencyId, db.select({ name: agencies.name, code: agencies.code }).from(agencies).where(eq(agencies.id, d.agencyId)).get()!]));
        // A reviewer for the agency whose report is submitted and published in (b).
        const reviewerLogin = "two-reviewer-2";
        db.insert(users).values({ login: reviewerLogin, displayName: "两服务器审核人", passwordHash: hashPasswordSync(DEMO_PASSWORD), role: "reviewer", agencyId: drafters[1]!.agencyId }).run();
        return { drafters, agencyOf, reviewerLogin };
      },
      { pgPort: PG_PORT },
    );
    shared = prepared.db;
    world = prepared.setup;
    // Both at once, as a deployment starts them (on PostgreSQL the migrations' advisory lock is shared);
    // each is kept as soon as it is up, so that afterAll stops it even when the other failed.
    const started = await Promise.allSettled(PORTS.map(async (p) => servers.push(await startAppServer(p, shared.env))));
    for (const r of started) if (r.status === "rejected") throw r.reason;
    servers.sort((x, y) => x.port - y.port);
    console.log(`two-servers: ${servers.map((s) => s.url).join(" + ")} on ${shared.label}`);
  });

  test.afterAll(async () => {
    for (const s of servers) await killGroup(s.child, "SIGTERM").catch(() => {});
    await shared?.close();
  });

  test("(d) no stale cache: a save through A is read through B at once; a session signed out through A is refused by B", async ({ browser }) => {
    const [A, B] = servers as [AppServer, AppServer];
    const d = world.drafters[2]!;
    const agency = world.agencyOf.get(d.agencyId)!;
    const onA = await Client.signIn(A, d.login);
    const onB = await Client.signIn(B, d.login);
    let version = d.version;
    for (let round = 1; round <= 5; round++) {
      // Each server reads (and caches) the current text first, then the OTHER one saves.
      const [writer, reader] = round % 2 ? [onA, onB] : [onB, onA];
      const before = await reader.call("GET", `/api/reports/${d.reportId}`);
      expect(before.status).toBe(200);
      expect(before.body.version).toBe(version);
      const sent = edit(d.doc, 1000 + round);
      const saved = await writer.save(d.reportId, version, sent);
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      version = saved.body.version as number;
      const after = await reader.call("GET", `/api/reports/${d.reportId}`);
      expect(after.status).toBe(200);
      expect(after.body.version, `round ${round}: the other server answers the new version`).toBe(version);
      expect(isStoredAs(after.body.data, sent, agency), `round ${round}: … and the new data`).toBe(true);
      // A save through the reader on the version it just read is accepted (its cache is not behind).
      if (round === 5) {
        const next = edit(d.doc, 2000);
        const again = await reader.save(d.reportId, version, next);
        expect(again.status, JSON.stringify(again.body)).toBe(200);
        version = again.body.version as number;
      }
    }

    // The editor page on B, in a browser, shows the value last saved through A.
    const last = edit(d.doc, 3000);
    const viaA = await onA.save(d.reportId, version, last);
    expect(viaA.status).toBe(200);
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${B.url}/login`);
    await page.getByLabel("用户名").fill(d.login);
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).not.toHaveURL(/\/login/);
    await page.goto(`${B.url}/reports/${d.reportId}`);
    await expect(page.locator('[data-cell="applications.received.natural"]')).toHaveValue(String(last.tables.applications.received!.natural));
    await expect(page.getByTestId("save-status")).toBeVisible();
    expect(errors).toEqual([]);
    await page.close();

    // Revocation: a session signed in through A, used through B (B decrypts and caches its token),
    // then signed out through A, is refused by B at once — and by A.
    const session = await Client.signIn(A, d.login);
    const sameOnB = new Client(B, session.cookie);
    expect((await sameOnB.call("GET", `/api/reports/${d.reportId}`)).status).toBe(200);
    const out = await fetch(`${A.url}/api/auth/sign-out`, { method: "POST", redirect: "manual", headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" }, body: "" });
    expect(out.status).toBe(303);
    const refusedB = await sameOnB.call("GET", `/api/reports/${d.reportId}`);
    expect(refusedB.status, "B refuses the session signed out through A").toBe(401);
    expect(String(refusedB.body.error ?? "")).toMatch(/[\u4e00-\u9fff]/);
    expect((await session.call("GET", `/api/reports/${d.reportId}`)).status).toBe(401);
    expect((await sameOnB.save(d.reportId, version + 1, edit(d.doc, 4000))).status, "nor can it save through B").toBe(401);
    // The other sessions of the same person are untouched.
    expect((await onB.call("GET", `/api/reports/${d.reportId}`)).status).toBe(200);
  });

  test("(a) 100 racing edits of one report across both servers: 0 silent overwrites", async () => {
    test.setTimeout(180_000);
    const d = world.drafters[0]!;
    const agency = world.agencyOf.get(d.agencyId)!;
    // Four editors of the same report, two on each server, each saving as fast as it is answered.
    const writers = await Promise.all([0, 1, 0, 1].map((i) => Client.signIn(servers[i]!, d.login)));
    const start = (await storedRow(d.reportId)).version;
    const acks: { base: number; version: number; sent: ReportDoc; port: number }[] = [];
    const conflicts: { base: number; current: { version: number; data: unknown } }[] = [];
    let busy = 0;
    let attempts = 0;
    await Promise.all(
      writers.map(async (w) => {
        let version = start;
        while (attempts < 100) {
          const seq = ++attempts;
          // A few ms of "typing" between saves, as no editor saves again the instant it is answered:
          // without it a server whose writers lost a few races in a row (its copy of the report then
          // stale, so each try a little slower) could keep losing every race.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 8));
          const sent = edit(d.doc, seq);
          const r = await w.save(d.reportId, version, sent);
          if (r.status === 200) {
            expect(r.body.unchanged).toBe(false);
            acks.push({ base: version, version: r.body.version as number, sent, port: w.server.port });
            version = r.body.version as number;
          } else if (r.status === 409) {
            expect(r.body.code).toBe("conflict");
            const current = r.body.current as { version: number; data: unknown };
            expect(current.version, "a conflict names a newer version than the one edited").toBeGreaterThan(version);
            conflicts.push({ base: version, current });
            version = current.version; // the editor takes the other's version (its text is shown) and edits on
          } else if (r.status === 503) {
            busy++; // the database was busy: refused, nothing stored (checked below: every version is acknowledged)
          } else {
            throw new Error(`unexpected answer ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
          }
        }
      }),
    );
    console.log(`two-servers (a): 100 edits → ${acks.length} saved, ${conflicts.length} conflicts (409), ${busy} busy (503); saved through ${PORTS.map((p) => `${p}: ${acks.filter((a) => a.port === p).length}`).join(", ")}`);
    expect(acks.length + conflicts.length + busy).toBe(100);
    expect(conflicts.length, "the edits did race").toBeGreaterThan(0);
    // Both servers take writes: after the race, a save through each in turn on the latest version.
    // (Who wins a race is timing, not correctness: CI once saw one server lose all of its ~50 tries,
    // each 409 naming the other's newer version; so this is not asserted of the race itself.)
    let latest = Math.max(start, ...acks.map((a) => a.version));
    for (const w of writers.slice(0, 2)) {
      const sent = edit(d.doc, ++attempts);
      const r = await w.save(d.reportId, latest, sent);
      expect(r.status, `a save through ${w.server.port} on the latest version`).toBe(200);
      acks.push({ base: latest, version: r.body.version as number, sent, port: w.server.port });
      latest = r.body.version as number;
    }
    for (const p of PORTS) expect(acks.some((a) => a.port === p), `saves were accepted through ${p}`).toBe(true);
    // Every accepted save was made on a base version of its own, and got the next one.
    expect(new Set(acks.map((a) => a.base)).size).toBe(acks.length);
    for (const a of acks) expect(a.version).toBe(a.base + 1);
    // The report went through exactly the acknowledged versions: nothing was written unannounced.
    const versions = acks.map((a) => a.version).sort((x, y) => x - y);
    expect(versions).toEqual(Array.from({ length: acks.length }, (_, i) => start + 1 + i));
    const byVersion = new Map(acks.map((a) => [a.version, a]));
    // Each 409 carried a real version with that version's data.
    for (const c of conflicts) {
      const a = byVersion.get(c.current.version);
      expect(a, `409 names acknowledged version ${c.current.version}`).toBeDefined();
      expect(isStoredAs(c.current.data, a!.sent, agency), `409 carries the data of version ${c.current.version}`).toBe(true);
    }
    // The stored document is the last acknowledged one; both servers answer it.
    const last = byVersion.get(versions.at(-1)!)!;
    const row = await storedRow(d.reportId);
    expect(row.version).toBe(last.version);
    expect(isStoredAs(JSON.parse(row.data), last.sent, agency)).toBe(true);
    for (const w of writers.slice(0, 2)) expect((await w.call("GET", `/api/reports/${d.reportId}`)).body.version).toBe(last.version);
    // One audit entry per acknowledged save, and every acknowledged version rebuilt from the log.
    expect((await auditedActions(d.reportId, "report.save")).map((a) => a.version).filter((v) => v! > start)).toEqual(versions);
    await expectReplayed(d, [...byVersion.values()]);
  });

  test("(b) a transition raced across both servers has exactly one winner and one audit entry", async () => {
    test.setTimeout(120_000);
    const d = world.drafters[1]!;
    const drafters = await Promise.all(servers.map((s) => Client.signIn(s, d.login)));
    const preview = await drafters[0]!.call("POST", `/api/reports/${d.reportId}/transition`, { action: "submit", preview: true });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.incomplete).toEqual([]);
    const acknowledgements = Object.fromEntries((preview.body.warnings as { key: string }[]).map((w) => [w.key, "已核实，以统计台账为准"]));
    const race = async (clients: Client[], body: Record<string, unknown>, n = 10) => {
      const answers = await Promise.all(Array.from({ length: n }, (_, i) => clients[i % clients.length]!.call("POST", `/api/reports/${d.reportId}/transition`, body)));
      const won = answers.filter((a) => a.status === 200);
      for (const a of answers.filter((x) => x.status !== 200)) {
        expect([409, 503], JSON.stringify(a.body)).toContain(a.status); // refused, never a 500
        expect(String(a.body.error ?? "")).toMatch(/[\u4e00-\u9fff]/);
      }
      return { won: won.length, statuses: answers.map((a) => a.status) };
    };
    const submit = await race(drafters, { action: "submit", acknowledgements });
    console.log(`two-servers (b): 10 racing submits → ${submit.statuses.join(" ")}`);
    expect(submit.won, "exactly one submit wins").toBe(1);
    expect((await storedRow(d.reportId)).status).toBe("submitted");
    expect(await auditedActions(d.reportId, "report.submit")).toHaveLength(1);

    // The reviewer approves through A, then publishes from both servers at once.
    const reviewers = await Promise.all(servers.map((s) => Client.signIn(s, world.reviewerLogin)));
    const p = await reviewers[0]!.call("POST", `/api/reports/${d.reportId}/transition`, { action: "approve", preview: true });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    for (const w of p.body.warnings as { key: string; confirmed: string }[]) {
      if (w.confirmed) continue;
      const c = await reviewers[1]!.call("POST", `/api/reports/${d.reportId}/confirm-warning`, { key: w.key, reason: "已与台账逐项核对无误" });
      expect(c.status, JSON.stringify(c.body)).toBe(200);
    }
    const approve = await reviewers[0]!.call("POST", `/api/reports/${d.reportId}/transition`, { action: "approve", version: p.body.version });
    expect(approve.status, JSON.stringify(approve.body)).toBe(200);
    const publish = await race(reviewers, { action: "publish", version: p.body.version });
    console.log(`two-servers (b): 10 racing publishes → ${publish.statuses.join(" ")}`);
    expect(publish.won, "exactly one publish wins").toBe(1);
    expect((await storedRow(d.reportId)).status).toBe("published");
    expect(await auditedActions(d.reportId, "report.publish")).toHaveLength(1);
    expect(await publishSnapshots(d.reportId), "one publish snapshot").toBe(1);
  });

  test("(c) SIGKILL of one server during saves to both: every acknowledged save is there", async () => {
    test.setTimeout(180_000);
    const [A, B] = servers as [AppServer, AppServer];
    const streams = await Promise.all(
      world.drafters.slice(3).map(async (d) => ({
        d,
        clients: [await Client.signIn(A, d.login), await Client.signIn(B, d.login)],
        version: d.version,
        seq: 0,
        acks: [] as { version: number; sent: ReportDoc }[],
        /** Saves whose answer was lost with A and that had landed (the retry on B was told so). */
        landedUnanswered: 0,
      })),
    );
    let killed = false;
    let afterKill = 0;
    const stream = async (s: (typeof streams)[number]) => {
      while (!killed || afterKill < 30) {
        s.seq++;
        const sent = edit(s.d.doc, s.seq);
        // Alternate between the servers; once A is gone, everything goes to B (the proxy's failover).
        const first = killed ? s.clients[1]! : s.clients[s.seq % 2]!;
        let r: Answer;
        try {
          r = await first.save(s.d.reportId, s.version, sent);
        } catch {
          // A died with this save in flight: it may or may not have landed. Send it again through B.
          r = await s.clients[1]!.save(s.d.reportId, s.version, sent);
          if (r.status === 409) {
            // It had landed, whole: B names it as the current version with exactly its data.
            const current = r.body.current as { version: number; data: unknown };
            expect(current.version).toBe(s.version + 1);
            expect(isStoredAs(current.data, sent, world.agencyOf.get(s.d.agencyId)!)).toBe(true);
            r = { status: 200, body: { version: current.version, unchanged: false } };
            s.landedUnanswered++;
          }
        }
        expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
        s.acks.push({ version: r.body.version as number, sent });
        s.version = r.body.version as number;
        if (killed) afterKill++;
      }
    };
    const running = streams.map(stream);
    // Let both servers acknowledge saves, then kill A with requests in flight.
    const deadline = Date.now() + 60_000;
    while (streams.some((s) => s.acks.length < 6) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await killGroup(A.child, "SIGKILL");
    killed = true;
    await Promise.all(running);
    const total = streams.reduce((n, s) => n + s.acks.length, 0);
    console.log(`two-servers (c): SIGKILL of ${A.url} during ${total} acknowledged saves by ${streams.length} drafters; ${streams.reduce((n, s) => n + s.landedUnanswered, 0)} in-flight saves had landed (told by B's 409), the rest had not`);
    for (const s of streams) {
      const row = await storedRow(s.d.reportId);
      const last = s.acks.at(-1)!;
      expect(row.version, `${s.d.login}: the last acknowledged version is stored`).toBe(last.version);
      expect(isStoredAs(JSON.parse(row.data), last.sent, world.agencyOf.get(s.d.agencyId)!)).toBe(true);
      expect((await auditedActions(s.d.reportId, "report.save")).map((a) => a.version).filter((v) => v! > s.d.version)).toEqual(s.acks.map((a) => a.version));
      await expectReplayed(s.d, s.acks);
    }
    // A comes back on the same database and serves what B stored meanwhile.
    servers[0] = await startAppServer(A.port, shared.env);
    for (const s of streams) {
      const again = await new Client(servers[0], s.clients[0]!.cookie).call("GET", `/api/reports/${s.d.reportId}`);
      expect(again.status).toBe(200);
      expect(again.body.version).toBe(s.version);
    }
  });
});

test("npm start with DATABASE_URL=postgres://…: no AUTH_SECRET or no reachable database is one Chinese line, without the password", async () => {
  const { spawnSync } = await import("node:child_process");
  const start = (env: Record<string, string | undefined>) => {
    const r = spawnSync(process.execPath, ["scripts/start.mjs"], { cwd: process.cwd(), encoding: "utf8", timeout: 30_000, env: { ...process.env, AUTH_SECRET: undefined, NIANBAO_SUPERVISE: "0", PORT: String(PORTS[0]), ...env } });
    return { code: r.status, err: r.stderr };
  };
  // A port nothing listens on: one the system just handed out and took back.
  const closed = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
  const url = `postgres://nianbao:s3cret-pw@127.0.0.1:${closed}/nianbao`;
  const noSecret = start({ DATABASE_URL: url });
  expect(noSecret.code, noSecret.err).toBe(78);
  expect(noSecret.err).toContain("必须设置 AUTH_SECRET");
  const unreachable = start({ DATABASE_URL: url, AUTH_SECRET: "x".repeat(40), DATABASE_CONNECT_WAIT_S: "0" });
  expect(unreachable.code, unreachable.err).toBe(1);
  expect(unreachable.err).toContain(`无法连接 PostgreSQL 数据库 127.0.0.1:${closed}/nianbao：连接被拒绝`);
  expect(unreachable.err).not.toContain("s3cret-pw");
});
