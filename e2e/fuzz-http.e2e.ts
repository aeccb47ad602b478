// Fuzzing the HTTP endpoints of the running server (production build) with fast-check:
//   PUT  /api/reports/<id>                      save       valid documents mutated structurally
//                                                          (lib/data/testing/mutations.ts), bad
//                                                          envelopes, damaged and oversized bodies
//   POST /api/reports/import                    import     damaged seeds, HTML pages and .docx
//                                                          files (lib/import/testing/damage.ts),
//                                                          odd names, types, years, broken multipart
//   POST /api/reports/<id>/transition           workflow   valid and mutated bodies, every actor
//   POST /api/reports/<id>/confirm-warning      reviewer   real and invented warning keys
//   GET  /api/reports/<id>  (+ download, comment resolve)  the server's validation, with junk ids
// There is no separate validation endpoint: GET /api/reports/<id> returns the server's validation
// and is part of the last target (and runs after accepted saves).
//
// Properties: no 5xx; every refusal is JSON with a clear Chinese `error` (lib/data/testing/
// mutations.ts messageProblem: Chinese, no stack trace, no exception text); a refused save, a
// refused transition and a refused confirmation change nothing in the database; what a save
// accepts is stored as a valid document. Each target prints how many requests it made.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import fc from "fast-check";
import { eq } from "drizzle-orm";
import { legacyArchives, reports, warningAcks } from "../db/schema";
import { parseReportJson } from "../lib/data";
import { describeMutation, jsonNastyValue, messageProblem, mutationsOf, applyMutations, NASTY_STRINGS, textMutations, toJsonText } from "../lib/data/testing/mutations";
import { encode, FIXTURE_HTMLS, fixtureDocxFiles, htmlOp, lineOp, SEED_TEXTS, withDocumentXml, xmlOp, zipOp } from "../lib/import/testing/damage";
import { ACTIONS } from "../lib/workflow/transitions";
import { e2eDb } from "./helpers";
import { apiClient, cleanReport, ensureAgency, ensureUser, putReport, reportRow } from "./support/setup";

test.describe.configure({ mode: "serial" });

const AGENCY = "HTTP模糊测试局";
let agencyId: number;
let drafterId: number;
let drafter: APIRequestContext;
let reviewer: APIRequestContext;
let anonymous: APIRequestContext;
const counts: Record<string, number> = {};

test.beforeAll(async ({ baseURL }) => {
  agencyId = ensureAgency(AGENCY, "fuzz-http");
  drafterId = ensureUser("fuzz-http-drafter", "模糊测试填报人", "drafter", agencyId);
  ensureUser("fuzz-http-reviewer", "模糊测试审核人", "reviewer", agencyId);
  drafter = await apiClient(baseURL!, "fuzz-http-drafter");
  reviewer = await apiClient(baseURL!, "fuzz-http-reviewer");
  anonymous = await apiClient(baseURL!);
});

test.afterAll(async () => {
  for (const [target, n] of Object.entries(counts)) console.log(`fuzz HTTP ${target}: ${n} requests`);
  await Promise.all([drafter?.dispose(), reviewer?.dispose(), anonymous?.dispose()]);
});

/** The answer is no server error, and a refusal says in Chinese what is wrong. Returns the JSON body (if any). */
async function expectHandled(res: APIResponse, what: string): Promise<Record<string, unknown> | undefined> {
  const status = res.status();
  expect(status, `${what} → ${status}: ${(await res.text()).slice(0, 300)}`).toBeLessThan(500);
  if (status < 400) return (res.headers()["content-type"] ?? "").includes("json") ? await res.json() : undefined;
  const body = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  expect(body, `${what} → ${status} without a JSON body`).toBeDefined();
  expect(body!.ok, what).toBe(false);
  expect(messageProblem(body!.error), `${what} → ${status}`).toBeNull();
  for (const n of (body!.notes as { message: string }[] | undefined) ?? []) expect(messageProblem(n.message), `${what}: note`).toBeNull();
  return body;
}

const jsonBody = (text: string) => ({ headers: { "content-type": "application/json" }, data: Buffer.from(text, "utf8") });

// -------------------------------------------------------------------------------------- save

test("PUT /api/reports/<id>: mutated documents, bad envelopes and damaged bodies — no 5xx, Chinese refusals, a refused save loses nothing", async () => {
  test.setTimeout(240_000);
  const base = cleanReport(2061, AGENCY);
  const { id } = putReport(agencyId, 2061, "draft", base, drafterId);
  const raw = JSON.parse(JSON.stringify(base)) as unknown;
  let version = reportRow(id)!.version;

  const envelope = fc.oneof(
    {
      weight: 14,
      arbitrary: mutationsOf(raw).map((m) => ({ kind: `document (${m.map(describeMutation).join("; ")})`, text: () => toJsonText({ version, data: applyMutations(raw, m) }) })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom<unknown>(0, -1, 1.5, "1", null, 1e308, Number.MAX_SAFE_INTEGER + 2, [1], true), fc.boolean()).map(([v, stale]) => ({
        kind: "envelope" as const,
        text: () => toJsonText({ version: stale ? version - 1 : v, data: raw }),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<() => unknown>(
        () => ({ data: raw }),
        () => ({ version }),
        () => ({ version, data: raw, extra: 1 }),
        () => [version, raw],
        () => null,
        () => "x",
        () => 42,
        () => ({ version, data: { version, data: raw } }),
      ).map((make) => ({ kind: "envelope" as const, text: () => toJsonText(make()) })),
    },
    { weight: 2, arbitrary: textMutations().map((ops) => ({ kind: "text" as const, text: () => ops.reduce((s, op) => op(s), JSON.stringify({ version, data: raw })) })) },
    { weight: 1, arbitrary: fc.constantFrom("", " ", "\ufeff{}", "null", "{", `{"version":${"9".repeat(400)},"data":{}}`).map((t) => ({ kind: "text" as const, text: () => t })) },
  );

  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(envelope, fc.nat({ max: 99 }), async (body, dice) => {
      counts["PUT /api/reports/<id> (save)"] = (counts["PUT /api/reports/<id> (save)"] ?? 0) + 1;
      const before = reportRow(id)!;
      const text = body.text();
      // Now and then a body over the 1 MB limit, or not declared as JSON.
      const payload = dice === 0 ? text + " ".repeat(1_000_001) : text;
      const res = await drafter.put(`/api/reports/${id}`, dice === 1 ? { headers: { "content-type": "text/plain" }, data: Buffer.from(payload) } : jsonBody(payload));
      const answer = await expectHandled(res, `${body.kind}: save ${text.slice(0, 200)}`);
      const after = reportRow(id)!;
      if (res.status() !== 200) {
        expect(after, "a refused save changed the stored report").toEqual(before);
        return;
      }
      accepted++;
      expect(parseReportJson(after.data).ok, `an accepted save stored an invalid document: ${body.kind}`).toBe(true);
      expect(after.version).toBe(answer!.version);
      version = after.version;
    }),
    { numRuns: 800 },
  );
  // The accepted documents are read back, with the server's validation, by the GET endpoint.
  const got = await expectHandled(await drafter.get(`/api/reports/${id}`), "GET after fuzzing");
  for (const i of (got!.validation as { issues: { message: string }[] }).issues) expect(messageProblem(i.message)).toBeNull();
  console.log(`fuzz HTTP save: ${accepted} mutated documents accepted (and stored valid), the rest refused with nothing lost`);
});

// -------------------------------------------------------------------------------------- import

test("POST /api/reports/import: damaged text, HTML and .docx uploads, odd names, types and years, broken multipart — no 5xx, Chinese refusals", async () => {
  test.setTimeout(240_000);
  const docx = await fixtureDocxFiles();
  const file = fc.oneof(
    fc.tuple(fc.nat({ max: SEED_TEXTS.length - 1 }), fc.array(lineOp, { minLength: 1, maxLength: 4 }), fc.constantFrom("utf8", "utf16-bom", "broken-utf8")).map(([k, ops, how]) => ({
      name: "报告.txt",
      bytes: async () => Buffer.from(encode(ops.reduce((ls, op) => op(ls), SEED_TEXTS[k]!.split("\n")).join("\n"), how) as Uint8Array),
    })),
    fc.tuple(fc.nat({ max: FIXTURE_HTMLS.length - 1 }), fc.array(htmlOp, { minLength: 1, maxLength: 3 })).map(([k, ops]) => ({
      name: "report.html",
      bytes: async () => Buffer.from(ops.reduce((s, op) => op(s), FIXTURE_HTMLS[k]!), "utf8"),
    })),
    fc.tuple(fc.nat({ max: docx.length - 1 }), fc.array(xmlOp, { minLength: 1, maxLength: 3 })).map(([k, ops]) => ({
      name: "年报.docx",
      bytes: async () => Buffer.from(await withDocumentXml(docx[k]!.zip, ops.reduce((s, op) => op(s), docx[k]!.xml))),
    })),
    fc.tuple(fc.nat({ max: docx.length - 1 }), zipOp).map(([k, op]) => ({ name: "年报.docx", bytes: async () => Buffer.from(op(docx[k]!.zip)) })),
    fc.constantFrom(
      { name: "a.pdf", bytes: async () => Buffer.from("%PDF-1.7\n...") },
      { name: "a.doc", bytes: async () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
      { name: "a.zip", bytes: async () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]) },
      { name: "a.bin", bytes: async () => Buffer.from([1, 0, 2, 0, 3]) },
      { name: "a.docx", bytes: async () => Buffer.from("不是 Word 文档") },
      { name: "empty.txt", bytes: async () => Buffer.alloc(0) },
      { name: "../../etc/passwd", bytes: async () => Buffer.from("root:x:0:0") },
      { name: "<img src=x onerror=alert(1)>.html", bytes: async () => Buffer.from("<p>一、总体情况</p>") },
    ),
  );
  const year = fc.constantFrom<string | undefined>(undefined, "", "2020", "2024", "abc", "1999", "2101", "2020.5", "-1", "1e3", "99999999999999999999", "２０２０", NASTY_STRINGS[14]!);
  const shape = fc.constantFrom("multipart", "multipart", "multipart", "multipart", "file-as-text", "no-file", "json", "broken-multipart", "anonymous", "reviewer");

  let created = 0;
  await fc.assert(
    fc.asyncProperty(file, year, shape, fc.constantFrom("text/plain", "application/octet-stream", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/html"), async (f, y, how, mime) => {
      counts["POST /api/reports/import"] = (counts["POST /api/reports/import"] ?? 0) + 1;
      const buffer = await f.bytes();
      const fields: Record<string, string> = y === undefined ? {} : { year: y };
      const client = how === "anonymous" ? anonymous : how === "reviewer" ? reviewer : drafter;
      let res: APIResponse;
      if (how === "json") res = await client.post("/api/reports/import", jsonBody(JSON.stringify({ file: buffer.toString("base64"), ...fields })));
      else if (how === "broken-multipart")
        res = await client.post("/api/reports/import", { headers: { "content-type": "multipart/form-data; boundary=XYZ" }, data: Buffer.concat([Buffer.from('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'), buffer]) });
      else if (how === "file-as-text") res = await client.post("/api/reports/import", { multipart: { file: buffer.toString("utf8").slice(0, 1000), ...fields } });
      else if (how === "no-file") res = await client.post("/api/reports/import", { multipart: { ...fields, other: { name: f.name, mimeType: mime, buffer } } });
      else res = await client.post("/api/reports/import", { multipart: { file: { name: f.name, mimeType: mime, buffer }, ...fields } });
      const body = await expectHandled(res, `import ${how} ${f.name} year=${y}`);
      if (res.status() === 201 && body!.type === "archive") {
        // An old-style report becomes the agency's read-only archive (immutable: it stays; the same
        // content again is refused as a duplicate).
        created++;
        const archive = e2eDb().select().from(legacyArchives).where(eq(legacyArchives.id, body!.id as number)).get()!;
        expect(archive.agencyId).toBe(agencyId);
      } else if (res.status() === 201) {
        created++;
        const row = e2eDb().select().from(reports).where(eq(reports.id, body!.id as number)).get()!;
        expect(row.agencyId).toBe(agencyId);
        expect(parseReportJson(row.data).ok).toBe(true);
        // Remove it again, so the next upload of that year is imported rather than refused as existing.
        e2eDb().delete(reports).where(eq(reports.id, row.id)).run();
      }
    }),
    { numRuns: 150 },
  );
  // One upload over the 5 MB limit.
  counts["POST /api/reports/import"]!++;
  await expectHandled(await drafter.post("/api/reports/import", { multipart: { file: { name: "big.txt", mimeType: "text/plain", buffer: Buffer.alloc(5_200_000, 0x41) } } }), "import of 5.2 MB");
  console.log(`fuzz HTTP import: ${created} damaged uploads still imported (valid documents), the rest refused`);
});

// -------------------------------------------------------------------------------------- workflow

const junkId = fc.constantFrom("abc", "0", "-1", "1.5", "1e3", "99999999999999999999", "９", "%20", "null", "NaN", "0x10", "1%00");
const STATES = ["draft", "submitted", "returned", "approved", "published"] as const;

test("POST transition and confirm-warning: valid and mutated bodies from every actor, junk ids — no 5xx, Chinese refusals, a refusal changes nothing", async () => {
  test.setTimeout(240_000);
  const doc = cleanReport(2063, AGENCY);
  // One blank cell: a warning the reviewer can confirm (and the drafter must acknowledge).
  doc.tables.appeals.review!.pending = null;
  const { id } = putReport(agencyId, 2063, "draft", doc, drafterId);
  const validation = (await (await reviewer.get(`/api/reports/${id}`)).json()).validation as { issues: { rule: string; cell: string; severity: string }[] };
  const keys = validation.issues.filter((i) => i.severity === "warning").map((i) => `${i.rule}|${i.cell}`);
  expect(keys.length).toBeGreaterThan(0);

  const text = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.constantFrom("理由充分，已核实", "x".repeat(5001), "理".repeat(1001)), fc.string({ maxLength: 20 }));
  const validBody = fc.record(
    {
      action: fc.oneof(fc.constantFrom(...ACTIONS), fc.constantFrom("SUBMIT", "delete", "", "publish ", "__proto__")),
      comment: text,
      anchor: fc.oneof(fc.constantFrom("report", "narrative.overview", "appeals.review.pending", "x".repeat(201)), text),
      acknowledgements: fc.oneof(
        fc.constant(Object.fromEntries(keys.map((k) => [k, "叙述与表格口径不同，已核实"]))),
        fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 10 })), text),
      ),
    },
    { requiredKeys: ["action"] },
  );
  const transitionBody = fc.oneof(
    { weight: 6, arbitrary: validBody.map((b) => ({ text: () => toJsonText(b) })) },
    { weight: 3, arbitrary: fc.tuple(validBody, mutationsOf({ action: "submit", comment: "理由充分", anchor: "report", acknowledgements: { "a|b": "c" } })).map(([, m]) => ({ text: () => toJsonText(applyMutations({ action: "submit", comment: "理由充分", anchor: "report", acknowledgements: { "a|b": "c" } }, m)) })) },
    { weight: 1, arbitrary: textMutations().map((ops) => ({ text: () => ops.reduce((s, op) => op(s), '{"action":"approve","comment":"好"}') })) },
  );
  const actor = fc.constantFrom("drafter", "reviewer", "anonymous");
  const client = (a: string) => (a === "drafter" ? drafter : a === "reviewer" ? reviewer : anonymous);

  await fc.assert(
    fc.asyncProperty(transitionBody, actor, fc.constantFrom(...STATES), fc.option(junkId, { freq: 8 }), async (body, who, state, badId) => {
      counts["POST /api/reports/<id>/transition"] = (counts["POST /api/reports/<id>/transition"] ?? 0) + 1;
      // The report in a random state, last edited by the drafter (so the reviewer may approve).
      putReport(agencyId, 2063, state, doc, drafterId);
      const before = reportRow(id)!;
      const res = await client(who).post(`/api/reports/${badId ?? id}/transition`, jsonBody(body.text()));
      await expectHandled(res, `${who} transition ${body.text().slice(0, 200)}`);
      if (res.status() !== 200) expect(reportRow(id), "a refused transition changed the report").toEqual(before);
    }),
    { numRuns: 300 },
  );

  const confirmBody = fc.oneof(
    { weight: 5, arbitrary: fc.record({ key: fc.oneof(fc.constantFrom(...keys), text), reason: text }, { requiredKeys: [] }).map((b) => ({ text: () => toJsonText(b) })) },
    { weight: 3, arbitrary: mutationsOf({ key: keys[0], reason: "已核实无误" }, jsonNastyValue()).map((m) => ({ text: () => toJsonText(applyMutations({ key: keys[0], reason: "已核实无误" }, m)) })) },
    { weight: 1, arbitrary: textMutations().map((ops) => ({ text: () => ops.reduce((s, op) => op(s), JSON.stringify({ key: keys[0], reason: "已核实无误" })) })) },
  );
  const acks = () => e2eDb().select().from(warningAcks).where(eq(warningAcks.reportId, id)).all().length;
  await fc.assert(
    fc.asyncProperty(confirmBody, actor, fc.constantFrom<(typeof STATES)[number]>("submitted", "submitted", "draft", "approved"), fc.option(junkId, { freq: 8 }), async (body, who, state, badId) => {
      counts["POST /api/reports/<id>/confirm-warning"] = (counts["POST /api/reports/<id>/confirm-warning"] ?? 0) + 1;
      putReport(agencyId, 2063, state, doc, drafterId);
      const [before, ackCount] = [reportRow(id)!, acks()];
      const res = await client(who).post(`/api/reports/${badId ?? id}/confirm-warning`, jsonBody(body.text()));
      await expectHandled(res, `${who} confirm ${body.text().slice(0, 200)}`);
      expect(reportRow(id)).toEqual(before);
      if (res.status() !== 200) expect(acks(), "a refused confirmation was recorded").toBe(ackCount);
      else expect(acks()).toBe(ackCount + 1);
    }),
    { numRuns: 200 },
  );
});

// -------------------------------------------------------------------------------------- reads

test("GET report (the server's validation), downloads and comment resolution with junk ids and parameters — no 5xx, Chinese refusals", async () => {
  test.setTimeout(120_000);
  const { id } = putReport(agencyId, 2065, "draft", cleanReport(2065, AGENCY), drafterId);
  const param = fc.constantFrom("docx", "html", "pdf", "", "HTML", "docx&format=html", "%00", "<script>");
  const snapshot = fc.option(fc.constantFrom("1", "0", "-1", "abc", "1e308", "99999999999999999999", ""), { freq: 2 });
  const request = fc.oneof(
    fc.tuple(fc.oneof(junkId, fc.constant(String(id)))).map(([rid]) => ({ what: "GET /api/reports/<id>", path: `/api/reports/${rid}`, method: "get" as const })),
    fc.tuple(fc.oneof(junkId, fc.constant(String(id))), param, snapshot).map(([rid, f, s]) => ({
      what: "GET /api/reports/<id>/download",
      path: `/api/reports/${rid}/download?format=${f}${s === null ? "" : `&snapshot=${s}`}`,
      method: "get" as const,
    })),
    fc.tuple(fc.oneof(junkId, fc.constant(String(id))), junkId).map(([rid, cid]) => ({ what: "POST /api/reports/<id>/comments/<c>/resolve", path: `/api/reports/${rid}/comments/${cid}/resolve`, method: "post" as const })),
  );
  await fc.assert(
    fc.asyncProperty(request, fc.constantFrom("drafter", "reviewer", "anonymous"), async (r, who) => {
      counts[r.what] = (counts[r.what] ?? 0) + 1;
      const c = who === "drafter" ? drafter : who === "reviewer" ? reviewer : anonymous;
      const res = r.method === "get" ? await c.get(r.path) : await c.post(r.path);
      const body = await expectHandled(res, `${who} ${r.method} ${r.path}`);
      if (res.status() === 200 && r.what === "GET /api/reports/<id>") {
        for (const i of (body!.validation as { issues: { message: string }[] }).issues) expect(messageProblem(i.message)).toBeNull();
      }
    }),
    { numRuns: 250 },
  );
});
