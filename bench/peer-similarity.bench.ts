// Benchmark of 内容雷同 with other agencies' reports of the same year (lib/rules/peer-similarity.ts,
// db/reference.ts): `node scripts/bench.mjs peer-similarity`.
// Goals: with 500 published peers, matching a report's three sections against all of them takes
// ≤ 2 ms once the year's index is built, and the whole server validation of a save grows by ≤ 3 ms
// (peer matching plus the queries that tell whether the index is still current); building the index
// (first save after a publication) ≤ 1 s; the index ≤ 30 MB.
//
// The synthetic reports are written with a vocabulary of 30 stock words of the genre, so nearly
// every 10-character passage occurs in many peers: a worst case for the matching (real reports of
// different agencies share far fewer passages).

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseReportJson, type ReportDoc } from "../lib/data";
import { PeerCorpus, validateReport, type PeerSource } from "../lib/rules";
import { openDatabase } from "../db/client";
import { findPreviousReport, validateWithHistory } from "../db/reports";
import { validateWithReferences } from "../db/reference";
import { agencies, reports, reportVersions } from "../db/schema";
import { median, lcg } from "./support/stats";
import { runSqlite } from "../db/run-sqlite";

const GOAL_WARM_MS = 2;
const GOAL_SAVE_MS = 3;
const GOAL_BUILD_MS = 1000;
const GOAL_INDEX_MB = 30;

// Words of the genre, so that texts share common phrases the way real reports do.
const WORDS =
  "政务公开 信息公开 主动公开 依申请公开 政府网站 政务新媒体 规范性文件 公开目录 公开指南 保密审查 群众关切 政策解读 回应关切 监督保障 考核评议 培训 专栏 标准化 规范化 办事指南 权责清单 财政预决算 重点领域 工作要点 领导小组 工作机制 门户网站 公开平台 便民服务 依法行政".split(
    " ",
  );
const BOILERPLATE = "根据《中华人民共和国政府信息公开条例》和上级工作要求，现将本单位年度政府信息公开工作情况报告如下。";

function text(rnd: () => number, chars: number): string {
  let out = BOILERPLATE;
  while (out.length < chars) {
    out += WORDS[Math.floor(rnd() * WORDS.length)]!;
    if (rnd() < 0.15) out += rnd() < 0.5 ? "，" : "。";
  }
  return out;
}

function peers(n: number): PeerSource[] {
  const rnd = lcg(7);
  return Array.from({ length: n }, (_, i) => ({
    agencyId: i + 1,
    agency: `示范市第${i + 1}局`,
    year: 2024,
    kind: "report" as const,
    href: `/p/a${i}/2024`,
    narrative: { overview: text(rnd, 1500), problems: text(rnd, 500), other: text(rnd, 300) },
  }));
}

function timeMedian(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function main() {
  const example = parseReportJson(readFileSync(new URL("../lib/fixtures/example-2021-shifan-2024.json", import.meta.url), "utf8"));
  if (!example.ok) throw new Error("fixture");
  const rnd = lcg(99);
  // The report being saved: its own text, with one peer's overview pasted into it.
  const all = peers(2000);
  const mine: ReportDoc = {
    ...example.report,
    narrative: { overview: `${text(rnd, 800)}${all[17]!.narrative.overview}`, problems: text(rnd, 600), other: text(rnd, 300) },
  };

  let ok = true;
  console.log("peers | index build ms | index MB        | validate with peers ms | without ms | peer check ms | warning");
  for (const n of [100, 500, 2000]) {
    const sources = all.slice(0, n);
    const t0 = performance.now();
    const corpus = new PeerCorpus(sources);
    const build = performance.now() - t0;
    const mb = corpus.indexBytes / 2 ** 20;
    const matcher = corpus.forAgency(-1, 0.5);
    const withPeers = timeMedian(() => validateReport(mine, { peers: matcher }), 100);
    const without = timeMedian(() => validateReport(mine), 100);
    const warning = validateReport(mine, { peers: matcher }).issues.find((i) => i.rule === "narrative.peerSimilarity");
    console.log(
      `${String(n).padStart(5)} | ${build.toFixed(0).padStart(14)} | ${mb.toFixed(1).padStart(15)} | ${withPeers.toFixed(2).padStart(22)} | ${without.toFixed(2).padStart(10)} | ${(withPeers - without).toFixed(2).padStart(13)} | ${warning ? `${warning.peer?.agency} ${warning.reported}%` : "none"}`,
    );
    if (n === 500) {
      if (withPeers - without > GOAL_WARM_MS) ok = false;
      if (build > GOAL_BUILD_MS) ok = false;
      if (mb > GOAL_INDEX_MB) ok = false;
    }
  }

  // On the database: 500 agencies with a published 2024 report; one more drafting its own.
  const dir = mkdtempSync(join(tmpdir(), "nianbao-peer-bench-"));
  try {
    const db = openDatabase(join(dir, "bench.db"), { seed: false });
    const sources = all.slice(0, 500);
    db.transaction((tx) => {
      for (const s of sources) {
        const a = tx.insert(agencies).values({ name: s.agency, code: `a${s.agencyId}` }).returning().get();
        const data = JSON.stringify({ ...example.report, agency: { name: s.agency }, narrative: s.narrative });
        const r = tx.insert(reports).values({ agencyId: a.id, year: 2024, edition: "2021", status: "published", data }).returning().get();
        tx.insert(reportVersions).values({ reportId: r.id, reportVersion: 1, kind: "publish", status: "published", data, contentHash: "bench" }).run();
      }
    });
    const me = db.insert(agencies).values({ name: "示范市自测局", code: "self" }).returning().get();
    const t0 = performance.now();
    runSqlite(db, validateWithReferences(me.id, mine, runSqlite(db, findPreviousReport(me.id, 2024))));
    const cold = performance.now() - t0;
    const warm = timeMedian(() => runSqlite(db, validateWithReferences(me.id, mine, runSqlite(db, findPreviousReport(me.id, 2024)))), 60);
    const before = timeMedian(() => runSqlite(db, validateWithHistory(me.id, mine)), 60);
    console.log(
      `database, 500 published peers: first validation (loads and indexes the year) ${cold.toFixed(0)} ms; then ${warm.toFixed(2)} ms per validation with last year, archive and peers, against ${before.toFixed(2)} ms for last year only (+${(warm - before).toFixed(2)} ms)`,
    );
    if (warm - before > GOAL_SAVE_MS || cold > GOAL_BUILD_MS) ok = false;
    db.$client.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `${ok ? "OK: within" : "GOAL MISSED:"} the goals at 500 peers (matching ≤ ${GOAL_WARM_MS} ms, save validation +≤ ${GOAL_SAVE_MS} ms, index build ≤ ${GOAL_BUILD_MS} ms, index ≤ ${GOAL_INDEX_MB} MB)`,
  );
  if (!ok) process.exitCode = 1;
}

void main();
