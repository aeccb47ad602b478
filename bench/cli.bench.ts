// Benchmark of the `nianbao` command line as a whole process: `npm run bench cli`.
// Goal (issue 20): `nianbao render x.json --format docx` ≤ 1.0× `pandoc x.html -o x.docx` measured
// in the same run (a compiled converter doing the same job). Without pandoc installed, the
// reference is the floor of any Node program, `node -e ""` — the ratio is then printed against it
// and the pandoc goal cannot be checked (the bench says so; `npm run bench` installs pandoc when run as root).
// Runs interleave (reference, candidate, reference, …) so a busy machine slows all of them alike.
//
// Commands run without NODE_EXTRA_CA_CERTS (see baseEnv below).
//
// Also measured: `nianbao --help`, and the same commands run from the TypeScript sources through tsx
// (what the CLI did before the prebuilt bundle, and still does when the bundle is missing).

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, tableRow } from "./support/stats";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin/nianbao.cjs");
const fixture = join(root, "lib/fixtures/example-2021-shifan-2024.json");
const RUNS = 7;

/**
 * The environment every timed command runs in: this one without NODE_EXTRA_CA_CERTS. Node reads
 * and parses that certificate file when the process starts, before any script (measured here:
 * `node -e ""` 130–180 ms with this sandbox's CA bundle set there, 50–70 ms without), and a
 * workstation running the command line does not set it. A run with it as set here is printed too.
 */
const EXTRA_CA = process.env.NODE_EXTRA_CA_CERTS;
const baseEnv: NodeJS.ProcessEnv = { ...process.env };
delete baseEnv.NODE_EXTRA_CA_CERTS;

function time(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, env: { ...baseEnv, ...env }, encoding: "utf8" });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  if (r.stderr.includes("改用 tsx") && !env.NIANBAO_CLI_FROM_SOURCE) throw new Error(`the prebuilt CLI was not used (run npm run build:cli): ${r.stderr}`);
  return ms;
}

function hasPandoc(): boolean {
  return spawnSync("pandoc", ["--version"], { encoding: "utf8" }).status === 0;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-cli-bench-"));
  try {
    // Build first, as `npm ci` does: the bench measures the current sources.
    if (spawnSync(process.execPath, [join(root, "scripts/build-cli.mjs")], { stdio: "inherit" }).status !== 0) throw new Error("build-cli failed");
    const html = join(dir, "x.html");
    time(process.execPath, [bin, "render", fixture, "--format", "html", "-o", html]);
    const pandoc = hasPandoc();
    const cases: { name: string; run: () => number; runs: number }[] = [
      { name: 'node -e ""', run: () => time(process.execPath, ["-e", ""]), runs: RUNS },
      ...(pandoc ? [{ name: "pandoc x.html -o x.docx", run: () => time("pandoc", [html, "-o", join(dir, "p.docx")]), runs: RUNS }] : []),
      { name: "nianbao --help", run: () => time(process.execPath, [bin, "--help"]), runs: RUNS },
      { name: "nianbao render x.json --format docx", run: () => time(process.execPath, [bin, "render", fixture, "--format", "docx", "-o", join(dir, "n.docx")]), runs: RUNS },
      { name: "nianbao validate x.json", run: () => time(process.execPath, [bin, "validate", fixture]), runs: RUNS },
      ...(EXTRA_CA ? [{ name: "render --format docx, NODE_EXTRA_CA_CERTS set", run: () => time(process.execPath, [bin, "render", fixture, "--format", "docx", "-o", join(dir, "c.docx")], { NODE_EXTRA_CA_CERTS: EXTRA_CA }), runs: RUNS }] : []),
      { name: "from sources (tsx): --help", run: () => time(process.execPath, [bin, "--help"], { NIANBAO_CLI_FROM_SOURCE: "1" }), runs: 3 },
      { name: "from sources (tsx): render --format docx", run: () => time(process.execPath, [bin, "render", fixture, "--format", "docx", "-o", join(dir, "s.docx")], { NIANBAO_CLI_FROM_SOURCE: "1" }), runs: 3 },
    ];
    const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
    for (const c of cases) c.run(); // warm the file cache
    for (let i = 0; i < RUNS; i++) for (const c of cases) if (i < c.runs) samples.get(c.name)!.push(c.run());
    const med = (name: string) => median(samples.get(name)!);
    const ref = pandoc ? "pandoc x.html -o x.docx" : 'node -e ""';
    console.log(`reference: ${ref}${pandoc ? "" : " (pandoc is not installed: the goal against pandoc cannot be checked here)"}; medians of ${RUNS} interleaved runs (tsx rows: 3)${EXTRA_CA ? `; every command runs without NODE_EXTRA_CA_CERTS (set here to ${EXTRA_CA}), as on a workstation, except the row that says so` : ""}`);
    for (const c of cases) console.log(`  ${c.name.padEnd(44)} ${med(c.name).toFixed(0).padStart(6)} ms   ${(med(c.name) / med(ref)).toFixed(2)}× reference`);
    const ratio = med("nianbao render x.json --format docx") / med(ref);
    tableRow({ what: "nianbao render x.json --format docx (whole process)", measured: `${med("nianbao render x.json --format docx").toFixed(0)} ms`, reference: `${pandoc ? "pandoc x.html -o x.docx" : 'node -e "" (pandoc not installed)'} ${med(ref).toFixed(0)} ms`, ratio, goal: pandoc ? "≤ 1.0× pandoc" : "≤ 1.0× pandoc (not checkable here)", met: pandoc && ratio <= 1 });
    if (pandoc) console.log(`render --format docx vs pandoc: ${ratio.toFixed(2)}× (goal ≤ 1.0×): ${ratio <= 1 ? "met" : "NOT met"}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
