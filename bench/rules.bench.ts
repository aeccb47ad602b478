// Benchmark of the rule engine: `node --import tsx bench/rules.bench.ts` (or `npm run bench`).
// Goal: ≤ 0.2 ms to validate one full 2021-edition report.

import { readFileSync } from "node:fs";
import { computeDerived, parseReportJson, type ReportDoc } from "../lib/data";
import { validateReport } from "../lib/rules";
import { allCells, getEdition } from "../lib/template";
import { median, lcg } from "./support/stats";

const GOAL_MS = 0.2;

function load(name: string): ReportDoc {
  const r = parseReportJson(readFileSync(new URL(`../lib/fixtures/${name}`, import.meta.url), "utf8"));
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.errors)}`);
  return r.report;
}

/** Median time per call over `batches` batches of `perBatch` calls. */
function medianPerCall(fn: () => unknown, batches = 60, perBatch = 500): number {
  for (let i = 0; i < 2000; i++) fn(); // warm-up: let the JIT settle and the edition plans be built
  const times: number[] = [];
  let sink = 0;
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < perBatch; i++) sink += fn() ? 1 : 0;
    times.push((performance.now() - t0) / perBatch);
  }
  if (sink < 0) console.log(sink); // keep the results alive
  return median(times);
}

/**
 * `n` different 2021 reports: random leaves (5 % blank) with computed totals, every tenth with a wrong
 * total. Random leaves rarely satisfy table 三's 一+二=（七）+四 balance, so most reports have errors:
 * the loop measures the failing path (message building) as well as the happy path.
 */
function makeReports(base: ReportDoc, n: number): ReportDoc[] {
  const rnd = lcg(42);
  const inputs = allCells(getEdition("2021")).filter((c) => !c.derived);
  const derived = allCells(getEdition("2021")).filter((c) => c.derived);
  const out: ReportDoc[] = [];
  for (let k = 0; k < n; k++) {
    const r = structuredClone(base);
    for (const c of inputs) {
      const x = rnd();
      r.tables[c.table][c.row]![c.column] = x < 0.05 ? null : c.kind === "amount" ? Math.round(rnd() * 1e6) / 100 : Math.floor(rnd() * 50);
    }
    const d = computeDerived(r);
    // one report in ten carries a wrong total, so failing checks (and their messages) are part of the mix
    if (k % 10 === 0) {
      const c = derived[Math.floor(rnd() * derived.length)]!;
      d.tables[c.table][c.row]![c.column] = (d.tables[c.table][c.row]![c.column] ?? 0) + 1;
    }
    out.push(d);
  }
  return out;
}

const report2024 = load("example-2021-shifan-2024.json");
const previous2023 = load("example-2021-shifan-2023.json");
const seed = load("seed-001-nantong-2020.json");

const one = medianPerCall(() => validateReport(report2024).ok);
console.log(`rules: validate one full 2021 report: median ${one.toFixed(4)} ms (goal ≤ ${GOAL_MS} ms) ${one <= GOAL_MS ? "OK" : "TOO SLOW"}`);

const withPrev = medianPerCall(() => validateReport(report2024, { previous: previous2023 }).ok);
console.log(`rules: validate one full 2021 report with --previous: median ${withPrev.toFixed(4)} ms`);

const seedTime = medianPerCall(() => validateReport(seed).ok);
console.log(`rules: validate seed 001 (2019 edition, 2 errors): median ${seedTime.toFixed(4)} ms`);

const N = 10_000;
const reports = makeReports(report2024, N);
for (let i = 0; i < 1000; i++) validateReport(reports[i]!); // warm-up
let errors = 0;
const t0 = performance.now();
for (const r of reports) errors += validateReport(r).errors;
const total = performance.now() - t0;
console.log(`rules: validate ${N.toLocaleString("en")} different 2021 reports: total ${total.toFixed(1)} ms, per report ${(total / N).toFixed(4)} ms (${errors} errors found)`);

const json = JSON.stringify(report2024);
const parse = medianPerCall(() => parseReportJson(json).ok, 30, 200);
console.log(`data: parseReportJson of one full 2021 report (JSON + zod + normalise): median ${parse.toFixed(4)} ms`);

if (one > GOAL_MS) process.exitCode = 1;
