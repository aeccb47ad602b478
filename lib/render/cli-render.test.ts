// `nianbao render` (lib/cli/commands/render.ts), run in-process with captured I/O.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { main } from "../cli/main";
import { nodeIo } from "../cli/io";
import { runRender, type RenderIo } from "../cli/commands/render";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const EXAMPLE = fixture("example-2021-shifan-2024.json");
const SEED = fixture("seed-001-nantong-2020.json");
const tmp = mkdtempSync(join(tmpdir(), "nianbao-render-cli-"));

async function run(args: string[], extra: Partial<RenderIo> = {}) {
  let stdout = "";
  let stderr = "";
  const io: RenderIo = { ...nodeIo, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), ...extra };
  const code = await runRender(args, io);
  return { code, stdout, stderr };
}

describe("nianbao render", () => {
  it("writes the .docx to -o and confirms in one Chinese line", async () => {
    const out = join(tmp, "a.docx");
    const r = await run([EXAMPLE, "--format", "docx", "-o", out]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(new RegExp(`^已生成 Word 文档：${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}（\\d+\\.\\d KB）\\n$`));
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(await zip.file("word/document.xml")!.async("string")).toContain("示范市应急管理局");
  });

  it("writes the HTML page with --format html (and --format=html, -f)", async () => {
    for (const args of [["--format", "html"], ["--format=html"], ["-f", "HTML"]]) {
      const out = join(tmp, `b-${args.length}-${args[0]!.length}.htm`);
      const r = await run([SEED, ...args, "-o", out]);
      expect(r.code).toBe(0);
      expect(r.stdout.startsWith(`已生成网页：${out}`)).toBe(true);
      expect(readFileSync(out, "utf8")).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    }
  });

  it("takes the format from the -o extension when --format is absent", async () => {
    const out = join(tmp, "c.html");
    expect((await run([EXAMPLE, "-o", out])).code).toBe(0);
    expect(readFileSync(out, "utf8").startsWith("<!doctype html>")).toBe(true);
  });

  it("without -o names the file after the report, in the current directory", async () => {
    const written: string[] = [];
    const r = await run([EXAMPLE, "--format", "docx"], { writeFile: async (p) => void written.push(p) });
    expect(r.code).toBe(0);
    expect(written).toEqual(["示范市应急管理局2024年政府信息公开工作年度报告.docx"]);
  });

  it("rejects unusable input with a Chinese message and exit 2, writing nothing", async () => {
    const written: string[] = [];
    const writeFile = async (p: string) => void written.push(p);
    const bad = join(tmp, "bad.json");
    writeFileSync(bad, JSON.stringify({ format: "nianbao/report@1", edition: "2021", year: 2024, agency: { name: "某局" }, tables: { appeals: { review: { upheld: "三" } } } }));
    const r1 = await run([bad, "--format", "docx"], { writeFile });
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain("不是有效的 nianbao/report@1 年度报告");
    expect(r1.stderr).toContain("tables.appeals.review.upheld");
    const notJson = join(tmp, "x.json");
    writeFileSync(notJson, "{ nope");
    expect((await run([notJson], { writeFile })).code).toBe(2);
    expect((await run([join(tmp, "missing.json")], { writeFile })).stderr).toContain("文件不存在");
    expect(written).toEqual([]);
  });

  it("rejects bad arguments with exit 2 and the usage line", async () => {
    for (const args of [[], [EXAMPLE, "--format", "pdf"], [EXAMPLE, "-o"], [EXAMPLE, "--bogus"], [EXAMPLE, SEED]]) {
      const r = await run(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^nianbao render：.+\n用法：nianbao render/);
    }
  });

  it("reports a file it cannot write with exit 2", async () => {
    const r = await run([EXAMPLE, "-o", join(tmp, "no-such-dir", "x.docx")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("目录不存在");
  });

  it("is reachable through the nianbao entry point", async () => {
    let stdout = "";
    const out = join(tmp, "main.docx");
    const code = await main(["render", EXAMPLE, "-o", out], { ...nodeIo, stdout: (t) => void (stdout += t), stderr: () => {} });
    expect(code).toBe(0);
    expect(stdout).toContain("已生成 Word 文档");
  });
});
