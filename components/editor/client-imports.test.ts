// What the editor ships to the browser, checked from the sources: every module a client component
// of the report page imports (values, not `import type`), followed through the whole import graph,
// must stay out of server-only or heavy modules. The zod schema once came back through one
// `import { HEADER_FIELDS } from "@/lib/data"` (the barrel): +31 KB gzip on the editor's first load.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");

/** Value imports of one file: `import … from "x"`, `export … from "x"`, `import("x")` (unless `dynamic` is false) — not type-only ones. */
function valueImports(source: string, dynamic = true): string[] {
  const out: string[] = [];
  const text = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  for (const m of text.matchAll(/\b(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*["']([^"']+)["']/g)) {
    if (m[2]) continue; // import type … / export type …
    const clause = m[3]!.trim();
    // import { type A, type B } from "x" is erased too.
    const named = /^\{([^}]*)\}$/.exec(clause);
    if (named && named[1]!.split(",").map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith("type "))) continue;
    out.push(m[4]!);
  }
  if (dynamic) for (const m of text.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]!);
  for (const m of text.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) out.push(m[1]!);
  return out;
}

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? join(root, spec.slice(2)) : spec.startsWith(".") ? resolve(dirname(from), spec) : null;
  if (!base) return null;
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (existsSync(c) && !c.endsWith(".css") && readdirSafe(c)) return c;
  }
  return null;
}

function readdirSafe(p: string): boolean {
  try {
    readdirSync(p);
    return false; // a folder
  } catch {
    return true;
  }
}

/** Every module reachable from `entries` (local files and package names), each with one importer. */
function closure(entries: string[], dynamic = true): Map<string, string> {
  const seen = new Map<string, string>();
  const work: [string, string][] = entries.map((e) => [e, "(entry)"]);
  while (work.length) {
    const [file, by] = work.pop()!;
    if (seen.has(file)) continue;
    seen.set(file, by);
    if (!file.startsWith("/")) continue; // a package
    for (const spec of valueImports(readFileSync(file, "utf8"), dynamic)) {
      if (spec.endsWith(".css")) continue;
      const local = resolveLocal(file, spec);
      work.push([local ?? spec, relative(root, file)]);
    }
  }
  return seen;
}

const editorClient = readdirSync(join(root, "components/editor"))
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"))
  .map((f) => join(root, "components/editor", f))
  .filter((f) => readFileSync(f, "utf8").startsWith('"use client"'));

describe("the editor's browser code", () => {
  it("finds value imports and skips type-only ones", () => {
    expect(valueImports(`import type { A } from "a";\nimport { type B } from "b";\nimport { c, type D } from "c";\nexport { e } from "./e";\nconst f = lazy(() => import("./f"));\nimport "./g.css";`)).toEqual(["c", "./e", "./f", "./g.css"]);
  });

  it("never reaches zod, the report schema, the database or Node built-ins", () => {
    expect(editorClient.length).toBeGreaterThan(5);
    const all = closure(editorClient);
    const bad = [...all].filter(([m]) => m === "zod" || m.startsWith("zod/") || m.endsWith("lib/data/schema.ts") || m.endsWith("lib/data/index.ts") || m.includes("/db/") || m.startsWith("node:") || m === "docx");
    expect(bad.map(([m, by]) => `${m.startsWith("/") ? relative(root, m) : m} ← ${by}`)).toEqual([]);
    // Sanity: the walk does reach the rule engine the editor runs in the browser.
    expect([...all.keys()].some((m) => m.endsWith("lib/rules/engine.ts"))).toBe(true);
  });
});

const isClient = (file: string) => file.startsWith("/") && /\.tsx?$/.test(file) && readFileSync(file, "utf8").startsWith('"use client"');

describe("the report page's first load", () => {
  // The client components the page's server code renders, and everything they import statically:
  // what the browser loads with the page. import() is left out: those modules come later.
  const page = join(root, "app/(app)/reports/[id]/page.tsx");
  const boundaries = [...closure([page], false).keys()].filter(isClient);
  const firstLoad = closure(boundaries, false);
  const has = (path: string) => firstLoad.has(join(root, path));

  it("finds the page's client components", () => {
    expect(boundaries.map((f) => relative(root, f))).toEqual(expect.arrayContaining(["components/editor/editor-session.tsx", "components/workflow/panel-loader.tsx"]));
    expect(has("components/editor/table-grid.tsx")).toBe(true);
  });

  it("carries the workflow panel's loader, not the interactive panel: the server draws its first state", () => {
    expect(readFileSync(join(root, "components/workflow/workflow-panel.tsx"), "utf8").startsWith('"use client"')).toBe(false);
    expect(has("components/workflow/panel-interactive.tsx")).toBe(false);
    // The transition table with its labels comes with it; the autosave reads only its own answers
    // (lib/api/save-answers.ts, fetched with the rule engine: components/editor/save-request.ts), not
    // the transition's or the import's, nor the action ids they need.
    expect(has("lib/workflow/transitions.ts")).toBe(false);
    expect(has("lib/api/save-answers.ts")).toBe(false);
    expect(closure([join(root, "components/editor/save-request.ts")]).has(join(root, "lib/api/answers.ts"))).toBe(false);
    expect(has("lib/api/answers.ts")).toBe(false);
    expect(has("lib/workflow/actions.ts")).toBe(false);
    // The interactive panel is still reachable, on demand.
    expect(closure([join(root, "components/workflow/panel-loader.tsx")]).has(join(root, "components/workflow/panel-interactive.tsx"))).toBe(true);
  });

  it("leaves out 内容雷同's measure: the server computes the first state, the engine's fetch brings it", () => {
    expect(has("lib/rules/similarity.ts")).toBe(false);
    expect(has("components/editor/first-similarity.ts")).toBe(true);
    expect(closure([join(root, "components/editor/rules-loader.ts")]).has(join(root, "lib/rules/similarity.ts"))).toBe(true);
  });

  it("carries the issue panel's loader, not the interactive panel: the server draws its first state", () => {
    expect(has("components/editor/issue-panel-loader.tsx")).toBe(true);
    expect(has("components/editor/issue-panel.tsx")).toBe(false);
    expect(has("components/editor/issue-panel-view.tsx")).toBe(false);
    // The page's server code draws it with the same view; the rule engine's fetch brings the interactive panel.
    expect(closure([page], false).has(join(root, "components/editor/issue-panel-view.tsx"))).toBe(true);
    expect(closure([join(root, "components/editor/rules-loader.ts")]).has(join(root, "components/editor/issue-panel.tsx"))).toBe(true);
  });

  it("leaves out reading the form back, the totals and the progress: the server computes the first state, the engine's fetch brings them", () => {
    // Module by module: turbopack keeps every export of a module the browser uses anywhere, so what
    // only the engine's fetch needs lives in modules of its own.
    for (const m of ["components/editor/live-rules.ts", "components/editor/live-check.ts", "components/editor/cell-paint.ts", "lib/data/form-reading.ts", "lib/data/cell-parse.ts", "lib/data/report.ts", "lib/data/progress.ts", "lib/rules/completeness.ts", "lib/rules/engine.ts"]) {
      expect([m, has(m)]).toEqual([m, false]);
    }
    // The form model is there (its first values come from the server); the autosave's request and the restore offer come later.
    expect(has("lib/data/form-values.ts")).toBe(true);
    expect(has("components/editor/cell-view.ts")).toBe(true);
    expect(has("components/editor/use-autosave.ts")).toBe(true);
    expect(has("components/editor/save-request.ts")).toBe(false);
    expect(has("components/editor/restore-banner.tsx")).toBe(false);
    const onUse = closure([join(root, "components/editor/rules-loader.ts")]);
    for (const m of ["components/editor/live-rules.ts", "components/editor/cell-paint.ts", "lib/data/form-reading.ts", "lib/data/progress.ts", "lib/data/report.ts", "components/editor/save-request.ts"]) {
      expect([m, onUse.has(join(root, m))]).toEqual([m, true]);
    }
  });

  it("leaves out the guidance beside each narrative: it never changes while editing, the server draws it", () => {
    expect(has("components/editor/narrative-guidance.tsx")).toBe(false);
    expect(closure([page], false).has(join(root, "components/editor/narrative-guidance.tsx"))).toBe(true);
  });

  it("leaves out the published report's address block, which only a published report shows", () => {
    expect(has("components/office/published-link.tsx")).toBe(false);
    expect(has("lib/office/portal.ts")).toBe(false);
  });
});
