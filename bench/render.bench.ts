// Benchmark of the report renderers: `node --import tsx --expose-gc bench/render.bench.ts`.
// Median time to render one full 2021-edition report to a .docx (document model + Packer to bytes)
// and to the standalone HTML page. Goals: docx ≤ 60 ms, HTML ≤ 5 ms.
//
// No top-level await: the package is CommonJS-scoped, so tsx compiles this file as CommonJS.

import { readFileSync } from "node:fs";
import { parseReportJson, type ReportDoc } from "../lib/data";
import { renderDocx, renderHtml } from "../lib/render";
import { median } from "./support/stats";

const GOAL_DOCX_MS = 60;
const GOAL_HTML_MS = 5;
const WARMUP = 10;
const RUNS = 50;

function load(name: string): ReportDoc {
  const r = parseReportJson(readFileSync(new URL(`../lib/fixtures/${name}`, import.meta.url), "utf8"));
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.errors)}`);
  return r.report;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Median wall time of one call, after warm-up. With --expose-gc the heap is collected once before
 * the samples, so the warm-up's garbage is not billed to them. (Not before every sample: a forced
 * full GC shrinks the young generation, and the next run then pays for more scavenges than a real
 * server would — that doubled the docx times.)
 */
async function medianMs(fn: () => Promise<unknown> | unknown, runs = RUNS): Promise<{ median: number; min: number; max: number }> {
  for (let i = 0; i < WARMUP; i++) await fn();
  gc?.();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

const line = (label: string, r: { median: number; min: number; max: number }, goal?: number) =>
  `render: ${label} median ${r.median.toFixed(1)} ms (min ${r.min.toFixed(1)}, max ${r.max.toFixed(1)}; ${RUNS} runs)` +
  (goal === undefined ? "" : ` (goal ≤ ${goal} ms) ${r.median <= goal ? "OK" : "TOO SLOW"}`);

async function main(): Promise<void> {
  if (!gc) console.log("render: (run with --expose-gc for steadier numbers)");
  const report2024 = load("example-2021-shifan-2024.json");
  const seed = load("seed-001-nantong-2020.json");

  let bytes = 0;
  const docx = await medianMs(async () => {
    bytes = (await renderDocx(report2024)).length;
  });
  console.log(line(`docx (2021 report, ${(bytes / 1024).toFixed(1)} KB)`, docx, GOAL_DOCX_MS));

  let chars = 0;
  const html = await medianMs(() => {
    chars = renderHtml(report2024).length;
  });
  console.log(line(`html (2021 report, ${(chars / 1024).toFixed(1)} K chars)`, html, GOAL_HTML_MS));

  console.log(line("docx (2019 seed report)", await medianMs(() => renderDocx(seed))));
  console.log(line("html (2019 seed report)", await medianMs(() => renderHtml(seed))));

  if (docx.median > GOAL_DOCX_MS || html.median > GOAL_HTML_MS) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
