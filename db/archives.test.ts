// Archived legacy reports on the database: storage, scoping, immutability, and their use as last
// year's reference; 内容雷同 with other agencies' public reports of the same year.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import example2024 from "../lib/fixtures/example-2021-shifan-2024.json";
import type { Actor } from "../lib/auth/access";
import { emptyReport, parseReport, type ReportDoc } from "../lib/data";
import { importReport, type LegacyReport } from "../lib/import";
import { archiveReference } from "../lib/import/legacy-reference";
import { getAgencyByCode } from "./agencies";
import { createArchive, getArchiveForActor, listArchivesForActor } from "./archives";
import { findArchiveReference, findPeerCorpus, findReference, loadPeerSources, validateWithReferences } from "./reference";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { all, exec, one } from "./unit";

let s: TempStore;
useTempStore("archive", (store) => {
  s = store;
});

/** A user as the database under test holds it (the same ids on both). */
async function actor(login: string): Promise<Actor> {
  const u = (await s.run(one((d, t) => d.select().from(t.users).where(eq(t.users.login, login)))))!;
  return { id: u.id, role: u.role, agencyId: u.agencyId };
}
const seedText = (name: string) => readFileSync(join(process.cwd(), "lib/import/fixtures/seeds", name), "utf8");

async function legacySeed(name: string, agencyHint?: string): Promise<LegacyReport> {
  const r = await importReport({ kind: "text", data: seedText(name), ...(agencyHint ? { agencyHint } : {}) });
  if (!r.ok || r.type !== "legacy") throw new Error(`${name} is not legacy`);
  return r.legacy;
}

function doc(agencyName: string, year: number, narrative: Partial<ReportDoc["narrative"]> = {}): ReportDoc {
  const base = year >= 2021 ? parseReport({ ...example2024, year, agency: { name: agencyName } }) : { ok: true as const, report: emptyReport(year, agencyName) };
  if (!base.ok) throw new Error("fixture");
  return { ...base.report, narrative: { ...base.report.narrative, ...narrative } };
}

async function insertReport(code: string, d: ReportDoc, status: "draft" | "published" = "draft") {
  const agency = (await s.run(getAgencyByCode(code)))!;
  const row = (await s.run(all((q, t) => q.insert(t.reports).values({ agencyId: agency.id, year: d.year, edition: d.edition, status, data: JSON.stringify(d) }).returning())))[0]!;
  if (status === "published") {
    await s.run(exec((q, t) => q.insert(t.reportVersions).values({ reportId: row.id, reportVersion: 1, kind: "publish", status: "published", data: JSON.stringify(d), contentHash: "test" })));
  }
  return row;
}

describe(`storing a legacy report as an archive (${TEST_DIALECT})`, () => {
  let id = 0;
  let legacy003: LegacyReport;

  it("a drafter archives seed 003 (2018) for their agency; the upload is audited", async () => {
    legacy003 = await legacySeed("003_7bcad31b0e10dcd8.txt", "示范市应急管理局");
    const out = await s.run(createArchive(await actor("yingji-drafter"), legacy003, { fileName: "2018年报.txt" }));
    if (!out.ok) throw new Error(out.error);
    id = out.id;
    expect(out).toMatchObject({ year: 2018, replaced: null, statutoryReportId: null });
    const row = (await s.run(one((d, t) => d.select().from(t.legacyArchives).where(eq(t.legacyArchives.id, id)))))!;
    expect(row).toMatchObject({ year: 2018, fileName: "2018年报.txt", agencyId: (await s.run(getAgencyByCode("sfsyjj")))!.id });
    expect(row.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const stored = JSON.parse(row.data) as LegacyReport;
    expect(stored.sections).toEqual(legacy003.sections);
    expect(stored.statistics?.rows).toHaveLength(84);
    expect(stored.agency).toMatchObject({ name: "示范市应急管理局", code: "sfsyjj" });
    const audit = await s.run(all((d, t) => d.select().from(t.auditLog).where(and(eq(t.auditLog.entityType, "archive"), eq(t.auditLog.entityId, id)))));
    expect(audit.map((a) => a.action)).toEqual(["archive.import"]);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ year: 2018, fileName: "2018年报.txt", contentHash: row.contentHash, statistics: 84 });
  });

  it("rows can be neither changed nor deleted", async () => {
    // PostgreSQL's driver wraps the trigger's error (the reason is its cause).
    const refusal = async (p: Promise<unknown>) => {
      try {
        await p;
        return "accepted";
      } catch (e) {
        return `${(e as Error).message} ${((e as Error).cause as Error | undefined)?.message ?? ""}`;
      }
    };
    expect(await refusal(s.run(exec((d, t) => d.update(t.legacyArchives).set({ fileName: "x" }).where(eq(t.legacyArchives.id, id)))))).toMatch(/append-only/);
    expect(await refusal(s.run(exec((d, t) => d.delete(t.legacyArchives).where(eq(t.legacyArchives.id, id)))))).toMatch(/append-only/);
  });

  it("only a drafter uploads, and only for their own agency", async () => {
    expect(await s.run(createArchive(await actor("yingji-reviewer"), legacy003, { fileName: "a.txt" }))).toMatchObject({ ok: false, status: 403 });
    expect(await s.run(createArchive(await actor("supervisor"), legacy003, { fileName: "a.txt" }))).toMatchObject({ ok: false, status: 403 });
    expect(await s.run(createArchive(await actor("admin"), legacy003, { fileName: "a.txt" }))).toMatchObject({ ok: false, status: 403 });
  });

  it("the same year again: identical content is refused, other content only with `replace`, and the older row stays", async () => {
    const drafter = await actor("yingji-drafter");
    expect(await s.run(createArchive(drafter, legacy003, { fileName: "again.txt" }))).toMatchObject({ ok: false, status: 409, code: "same_content" });
    const corrected = { ...legacy003, sections: legacy003.sections.map((x, i) => (i === 0 ? { ...x, text: `${x.text}（更正）` } : x)) };
    const refused = await s.run(createArchive(drafter, corrected, { fileName: "更正.txt" }));
    expect(refused).toMatchObject({ ok: false, status: 409, code: "archive_exists" });
    expect(!refused.ok && refused.error).toContain("替换已有归档");
    const replaced = await s.run(createArchive(drafter, corrected, { fileName: "更正.txt", replace: true }));
    expect(replaced).toMatchObject({ ok: true, replaced: id });
    const list = await s.run(listArchivesForActor(drafter));
    expect(list.map((a) => [a.fileName, a.current])).toEqual([
      ["更正.txt", true],
      ["2018年报.txt", false],
    ]);
    expect(list[0]!.createdAt).toBeInstanceOf(Date);
    const old = await s.run(getArchiveForActor(drafter, id));
    expect(old.ok && old.archive.supersededBy).toBe(replaced.ok ? replaced.id : -1);
    expect(await s.run(all((d, t) => d.select().from(t.auditLog).where(eq(t.auditLog.action, "archive.replace"))))).toHaveLength(1);
  });

  it("is read with the same agency scoping as reports", async () => {
    for (const [login, sees] of [
      ["yingji-drafter", true],
      ["yingji-reviewer", true],
      ["supervisor", true],
      ["admin", true],
      ["shengtai-drafter", false],
      ["jiaotong-reviewer", false],
    ] as const) {
      expect((await s.run(listArchivesForActor(await actor(login)))).length > 0, login).toBe(sees);
      expect(await s.run(getArchiveForActor(await actor(login), id)), login).toMatchObject(sees ? { ok: true } : { ok: false, reason: "forbidden" });
    }
    expect(await s.run(getArchiveForActor(await actor("admin"), 999_999))).toEqual({ ok: false, reason: "not_found" });
    expect(await s.run(getArchiveForActor(await actor("admin"), 2 ** 40))).toEqual({ ok: false, reason: "not_found" });
  });

  it("two uploads of the same year racing from two app servers: one is stored, the other is told the archive exists", async () => {
    const other = await s.another();
    const drafter = await actor("jiaotong-drafter");
    const legacy = { ...legacy003, year: 2016, title: "2016 年报" };
    const outs = await Promise.all([
      s.run(createArchive(drafter, legacy, { fileName: "甲.txt" })),
      other.run(createArchive(drafter, { ...legacy, title: "2016 年报（另一份）" }, { fileName: "乙.txt" })),
    ]);
    expect(outs.filter((o) => o.ok)).toHaveLength(1);
    expect(outs.filter((o) => !o.ok).map((o) => !o.ok && o.code)).toEqual(["archive_exists"]);
    const agencyId = (await s.run(getAgencyByCode("sfsjtysj")))!.id;
    expect(await s.run(all((d, t) => d.select().from(t.legacyArchives).where(and(eq(t.legacyArchives.agencyId, agencyId), eq(t.legacyArchives.year, 2016)))))).toHaveLength(1);
  });
});

describe(`an archive as last year's reference (${TEST_DIALECT})`, () => {
  it("a 2018 archive is the reference of the 2019 report: narrative only, no cross-year table checks", async () => {
    const agency = (await s.run(getAgencyByCode("sfsyjj")))!;
    const ref = await s.run(findArchiveReference(agency.id, 2019));
    expect(ref).toMatchObject({ kind: "archive", year: 2018 });
    expect(ref!.reference.parts.problems.map((s) => s.heading)).toEqual(["六、存在主要困难和问题", "七、下一步工作建议和改进情况"]);
    expect(await s.run(findReference(agency.id, 2019, null))).toEqual(ref);
    expect(await s.run(findArchiveReference(agency.id, 2020))).toBeNull();
    expect(await s.run(findArchiveReference(agency.id, 2018))).toBeNull();

    const fresh = doc(agency.name, 2019);
    const plain = await s.run(validateWithReferences(agency.id, fresh, null));
    expect(plain.issues.filter((i) => i.rule.startsWith("carry.")).map((i) => [i.rule, i.severity, i.message])).toEqual([
      ["carry.archive", "info", "上年（2018 年度）只有旧式归档年报，没有法定统计表格：上年结转、现行有效件数等跨年度表格核对不适用，只比较叙述内容是否雷同"],
    ]);
    const copied = { ...fresh, narrative: { ...fresh.narrative, problems: ref!.reference.narrative.problems } };
    const issue = (await s.run(validateWithReferences(agency.id, copied, null))).issues.find((i) => i.rule === "narrative.similarity");
    expect(issue).toMatchObject({ severity: "warning", cell: "narrative.problems", reported: 100 });
    expect(issue!.message).toContain("与 2018 年度归档年报（旧式）的相应内容重复 100%");
  });

  it("a statutory report of the same year wins over the archive", async () => {
    const agency = (await s.run(getAgencyByCode("sfssthjj")))!;
    const legacy = await legacySeed("000_bb6b4cb57292b92b.txt", agency.name);
    expect(legacy.year).toBe(2019);
    const out = await s.run(createArchive(await actor("shengtai-drafter"), legacy, { fileName: "000.txt" }));
    expect(out).toMatchObject({ ok: true, statutoryReportId: null });
    expect((await s.run(findArchiveReference(agency.id, 2020)))?.year).toBe(2019);
    const statutory = await insertReport("sfssthjj", doc(agency.name, 2019));
    expect(await s.run(findArchiveReference(agency.id, 2020))).toBeNull();
    const previous = doc(agency.name, 2019);
    expect(await s.run(findReference(agency.id, 2020, previous))).toEqual({ kind: "report", year: 2019, doc: previous });
    // Archiving again for a year that has a statutory report says so.
    const again = await s.run(createArchive(await actor("shengtai-drafter"), { ...legacy, title: "重新上传" }, { fileName: "000b.txt", replace: true }));
    expect(again).toMatchObject({ ok: true, statutoryReportId: statutory.id });
  });
});

describe(`内容雷同 with other agencies' reports of the same year (${TEST_DIALECT})`, () => {
  const text =
    "本局坚持以公开为常态、不公开为例外，围绕群众关切推进政务公开，完善主动公开目录，规范依申请公开办理流程，确保答复及时准确，全年未发生因公开不及时引发的投诉。" +
    "同时加强政府信息管理，落实信息发布保密审查制度，定期清理规范性文件，及时更新公开指南和公开目录，保证公开信息准确完整，切实保障群众的知情权和监督权。";

  it("peers are the published reports of the year (latest revision) and archives of agencies without one; never drafts", async () => {
    const yingji = (await s.run(getAgencyByCode("sfsyjj")))!;
    const shengtai = (await s.run(getAgencyByCode("sfssthjj")))!;
    const jiaotong = (await s.run(getAgencyByCode("sfsjtysj")))!;
    const draft = await insertReport("sfsjtysj", doc(jiaotong.name, 2023, { overview: text }));
    // Submitted for review, so it has a snapshot — but it is not published: not a peer.
    await s.run(exec((q, t) => q.insert(t.reportVersions).values({ reportId: draft.id, reportVersion: 1, kind: "submit", status: "submitted", data: draft.data, contentHash: "submitted" })));
    expect(await s.run(loadPeerSources(2023))).toEqual([]);
    const pub = await insertReport("sfssthjj", doc(shengtai.name, 2023, { overview: "初稿" }), "published");
    // A later revision of the published report replaces the first one.
    await s.run(exec((q, t) => q.insert(t.reportVersions).values({ reportId: pub.id, reportVersion: 2, kind: "publish", status: "published", data: JSON.stringify(doc(shengtai.name, 2023, { overview: text })), contentHash: "test2" })));
    expect((await s.run(loadPeerSources(2023))).map((p) => [p.agency, p.kind, p.href, p.narrative.overview])).toEqual([[shengtai.name, "report", "/p/sfssthjj/2023", text]]);

    const mine = doc(yingji.name, 2023, { overview: text });
    const issue = (await s.run(validateWithReferences(yingji.id, mine, null))).issues.find((i) => i.rule === "narrative.peerSimilarity");
    expect(issue).toMatchObject({ severity: "warning", cell: "narrative.overview", reported: 100, peer: { agency: shengtai.name, year: 2023, kind: "report", href: "/p/sfssthjj/2023" } });
    expect(issue!.passages).toEqual([text.slice(0, -1)]);
    // The published report's own agency is not warned about its own text.
    expect((await s.run(validateWithReferences(shengtai.id, mine, null))).issues.some((i) => i.rule === "narrative.peerSimilarity")).toBe(false);
    // Another year holds no peers.
    expect((await s.run(validateWithReferences(yingji.id, { ...mine, year: 2024 }, null))).issues.some((i) => i.rule === "narrative.peerSimilarity")).toBe(false);
  });

  it("an archive of another agency for the same year is a peer", async () => {
    const jiaotong = (await s.run(getAgencyByCode("sfsjtysj")))!;
    const legacy = await legacySeed("000_bb6b4cb57292b92b.txt");
    const peers = await s.run(loadPeerSources(2019));
    expect(peers.map((p) => [p.agency, p.kind])).toEqual([["示范市生态环境局", "archive"]]);
    const overview = archiveReference(legacy).narrative.overview.slice(0, 400);
    const issue = (await s.run(validateWithReferences(jiaotong.id, doc(jiaotong.name, 2019, { overview }), null))).issues.find((i) => i.rule === "narrative.peerSimilarity");
    expect(issue?.message).toContain("与示范市生态环境局 2019 年度年报（旧式归档）的同一部分重复 100%");
    expect(issue?.peer).toEqual({ agency: "示范市生态环境局", year: 2019, kind: "archive" });
  });

  it("the index is built once per year and rebuilt when a new report is published", async () => {
    const first = await s.run(findPeerCorpus(2023));
    expect(await s.run(findPeerCorpus(2023))).toBe(first);
    const jiaotong = (await s.run(getAgencyByCode("sfsjtysj")))!;
    const draft = (await s.run(one((q, t) => q.select().from(t.reports).where(and(eq(t.reports.agencyId, jiaotong.id), eq(t.reports.year, 2023))).limit(1))))!;
    await s.run(exec((q, t) => q.insert(t.reportVersions).values({ reportId: draft.id, reportVersion: 1, kind: "publish", status: "published", data: draft.data, contentHash: "test3" })));
    const second = await s.run(findPeerCorpus(2023));
    expect(second).not.toBe(first);
    expect(second.peers.map((p) => p.agency).sort()).toEqual(["示范市交通运输局", "示范市生态环境局"].sort());
  });
});
