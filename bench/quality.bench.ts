// Benchmark of the 年报质量检查 (issue 18 §6): `node --import tsx bench/quality.bench.ts` (or
// `npm run bench quality`). QUALITY_BENCH_N reports (default 2,000), generated in three formats
// (.docx, .html, .txt; about one in five with a planted problem), uploaded as one .zip to a real
// database with as many agencies under one office, then the server's run (db/quality.ts) over
// them: unpack, store, import + check each item with its progress persisted, 内容雷同 among all,
// scores; then the .xlsx and the 通报 .docx of the result.
//
// The importer: the server starts one worker thread per file (lib/import/worker). Unbundled (here,
// under tsx) a worker first loads the TypeScript sources through tsx, which costs far more than the
// worker of Next's build does, so the whole run uses the in-process importer and the worker's own
// cost is measured apart on a sample (QUALITY_BENCH_WORKER_SAMPLE, default 20 files).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { runSqlite, sqliteStore } from "../db/store";
import { completeRun, createRun, getRunForActor, qualityRuns, runResult, startRun, workerImporter } from "../db/quality";
import { agencies, users } from "../db/schema";
import { withCell } from "../lib/data";
import { importReport } from "../lib/import";
import type { Importer } from "../lib/quality/batch";
import { unpackUpload } from "../lib/quality/files";
import { noticeContent, renderNoticeDocx } from "../lib/quality/notice";
import { DEFAULT_SCHEME } from "../lib/quality/score";
import { renderFile, variantReport, type FileKind } from "../lib/quality/testing/generate";
import { writeZip } from "../lib/quality/testing/zip-writer";
import { renderRunXlsx } from "../lib/quality/xlsx";
import { lcg } from "./support/stats";

const N = Number(process.env.QUALITY_BENCH_N ?? 2000);
const WORKER_SAMPLE = Number(process.env.QUALITY_BENCH_WORKER_SAMPLE ?? 20);
const KINDS: FileKind[] = ["docx", "html", "txt"];

const t = () => performance.now();
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (b: number) => `${Math.round(b / 1e6)} MB`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-quality-bench-"));
  try {
    const db = openDatabase(join(dir, "bench.db"));
    const office = db.select().from(agencies).where(eq(agencies.code, "sfszfb")).get()!;
    const supervisor = db.select().from(users).where(eq(users.login, "supervisor")).get()!;
    const actor = { id: supervisor.id, role: "supervisor" as const, agencyId: office.id };

    // 1. Documents.
    let t0 = t();
    const rnd = lcg(18);
    const files = [];
    let planted = 0;
    db.transaction((tx) => {
      for (let k = 0; k < N; k++) tx.insert(agencies).values({ name: `示范市第${k + 1}号管理局`, code: `bench${k}`, parentId: office.id }).run();
    });
    for (let k = 0; k < N; k++) {
      const agency = `示范市第${k + 1}号管理局`;
      const late = rnd() < 0.1;
      const wrong = rnd() < 0.1;
      let doc = variantReport({ agency, seed: 1000 + k, date: late ? "2025-02-15" : "2025-01-20" });
      if (wrong) doc = withCell(doc, "appeals.review.total", (doc.tables.appeals.review!.total ?? 0) + 1);
      if (late || wrong) planted++;
      const kind = KINDS[k % KINDS.length]!;
      files.push(await renderFile(doc, kind, `${agency}.${kind}`));
    }
    const zip = writeZip(files.map((f) => ({ name: f.name, data: f.bytes })));
    const genMs = t() - t0;
    console.log(`质量检查基准：${N} 份年报（.docx/.html/.txt 各三分之一，${planted} 份有预置问题），压缩包 ${mb(zip.length)}，生成用时 ${s(genMs)}（不计入）`);

    // 2. Upload: unpack the .zip and store the run.
    t0 = t();
    const unpacked = unpackUpload([{ name: "all.zip", bytes: zip }]);
    if (!unpacked.ok) throw new Error(unpacked.error);
    const created = runSqlite(db, createRun(actor, 2024, unpacked.files, DEFAULT_SCHEME));
    if (!created.ok) throw new Error(created.error);
    const uploadMs = t() - t0;

    // 3. The run, with the loop's responsiveness sampled (the request thread must stay free).
    let worstLag = 0;
    let last = t();
    const probe = setInterval(() => {
      const now = t();
      worstLag = Math.max(worstLag, now - last - 50);
      last = now;
    }, 50);
    // In-process, but yielding to the event loop before each file as the worker's answer does, so
    // the probe sees the longest stretch the run holds the thread (one file's checks, or the end).
    const inProcess: Importer = async (input) => {
      await new Promise((r) => setImmediate(r));
      return importReport(input);
    };
    t0 = t();
    const rss0 = process.memoryUsage().rss;
    let peakRss = rss0;
    const mem = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
    await startRun(sqliteStore(db), created.runId, inProcess);
    const runMs = t() - t0;
    clearInterval(probe);
    clearInterval(mem);
    const run = runSqlite(db, getRunForActor(actor, created.runId))!;
    if (run.status !== "done") throw new Error(`run ${run.status}: ${run.message}`);

    // The last step on the server's thread: 内容雷同 among all reports of the run and the scores (again, timed alone).
    let finishLag = 0;
    let beat = t();
    const probe2 = setInterval(() => {
      const now = t();
      finishLag = Math.max(finishLag, now - beat - 10);
      beat = now;
    }, 10);
    t0 = t();
    await completeRun(sqliteStore(db), run, { again: true });
    const finishMs = t() - t0;
    clearInterval(probe2);

    // 4. Outputs.
    t0 = t();
    const { result } = runSqlite(db, runResult(run));
    const readMs = t() - t0;
    t0 = t();
    const xlsx = await renderRunXlsx(result, { title: "基准", scheme: DEFAULT_SCHEME });
    const xlsxMs = t() - t0;
    t0 = t();
    const docx = await renderNoticeDocx(noticeContent(result, { officeName: "示范市人民政府办公室", date: "2025-03-01" }));
    const docxMs = t() - t0;
    const withFindings = result.items.filter((i) => i.findings.length).length;
    const byRule = new Map<string, number>();
    for (const i of result.items) for (const f of i.findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);

    // 5. The worker thread's own cost per file, on a sample.
    const sample = unpacked.files.slice(0, WORKER_SAMPLE);
    t0 = t();
    for (const f of sample) await workerImporter({ kind: f.name.endsWith(".docx") ? "docx" : f.name.endsWith(".html") ? "html" : "text", data: f.bytes, yearHint: 2024 });
    const workerMs = (t() - t0) / Math.max(1, sample.length);
    t0 = t();
    for (const f of sample) await importReport({ kind: f.name.endsWith(".docx") ? "docx" : f.name.endsWith(".html") ? "html" : "text", data: f.bytes, yearHint: 2024 });
    const directMs = (t() - t0) / Math.max(1, sample.length);

    const findings = db.select().from(qualityRuns).where(eq(qualityRuns.id, run.id)).get()!;
    console.log(`上传（解压 + 存入数据库）：${s(uploadMs)}`);
    console.log(`检查 ${findings.done}/${findings.total} 份（导入 + 检查 + 逐份保存进度 + 内容雷同 + 评分）：${s(runMs)}，平均 ${(runMs / N).toFixed(1)} ms/份；事件循环最长阻塞 ${Math.round(worstLag)} ms（进程内导入时；服务器上导入在工作线程中）；进程内存峰值 ${mb(peakRss)}（开始时 ${mb(rss0)}）`);
    console.log(`其中最后一步（全部年报之间的内容雷同 + 评分 + 保存，在服务器线程上）：${Math.round(finishMs)} ms，其间事件循环最长阻塞 ${Math.round(finishLag)} ms`);
    console.log(`结果：${withFindings} 份有问题（预置 ${planted} 份）；读取结果 ${Math.round(readMs)} ms；.xlsx ${Math.round(xlsxMs)} ms（${mb(xlsx.length)}）；通报 .docx ${Math.round(docxMs)} ms（${Math.round(docx.length / 1000)} KB）`);
    console.log(`各规则的问题数：${[...byRule].map(([r, n]) => `${r} ${n}`).join("，")}`);
    // The benchmark is only a measure if the run found what was planted, and nothing else.
    if (withFindings !== planted || byRule.has("import.failed")) {
      console.error(`与预置不符：预置 ${planted} 份有问题，查出 ${withFindings} 份`);
      process.exitCode = 1;
    }
    console.log(`工作线程导入（tsx 未打包，${sample.length} 份样本）：${Math.round(workerMs)} ms/份，进程内导入 ${Math.round(directMs)} ms/份`);
    db.$client.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
