import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { main } from "./main";
import { nodeIo } from "./io";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = (name: string) => join(root, "lib/fixtures", name);
const SEED = fixture("seed-001-nantong-2020.json");
const Y2023 = fixture("example-2021-shifan-2023.json");
const Y2024 = fixture("example-2021-shifan-2024.json");

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { ...nodeIo, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

const tmp = mkdtempSync(join(tmpdir(), "nianbao-cli-"));
function tmpFile(name: string, content: string): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

describe("nianbao validate", () => {
  it("exit 1 with the seed's two errors, grouped by table and cell, in Chinese", async () => {
    const r = await run("validate", SEED);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("南通市应急管理局 2020 年度报告 · 2019 年版格式（国办公开办函〔2019〕60号）");
    expect(r.stdout).toContain(
      [
        "错误（2）",
        "  表三 收到和处理政府信息公开申请情况",
        "    「4.保护第三方合法权益」行「总计」列",
        "      ✗ 表三「4.保护第三方合法权益」行：总计填报 1，各申请人类型合计为 2（差 1） [applications.rowTotal]",
        "    「（七）总计」行「其他」列",
        "      ✗ 表三「其他」列：（七）总计填报 0，各办理结果合计为 1（差 1） [applications.handledTotal]",
      ].join("\n"),
    );
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("结果：未通过——2 个错误，0 个警告，0 个提示");
  });

  it("--json prints exactly the validation result", async () => {
    const r = await run("validate", SEED, "--json");
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result)).toEqual(["ok", "errors", "warnings", "issues"]);
    expect(result).toMatchObject({ ok: false, errors: 2, warnings: 0 });
    expect(result.issues.map((i: { rule: string; cell: string }) => [i.rule, i.cell])).toEqual([
      ["applications.rowTotal", "applications.withheldThirdParty.total"],
      ["applications.handledTotal", "applications.handledTotal.otherOrg"],
    ]);
  });

  it("exit 0 for a clean report, with --previous", async () => {
    const r = await run("validate", Y2024, "--previous", Y2023);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("结果：通过——0 个错误，0 个警告，0 个提示");
    expect((await run("validate", `--previous=${Y2023}`, Y2024, "--json")).code).toBe(0);
  });

  it("--previous brings in the cross-year warnings (exit stays 0: warnings only)", async () => {
    const prev = JSON.parse(readFileSync(Y2023, "utf8"));
    prev.tables.applications.carriedForward.natural = 4;
    const r = await run("validate", Y2024, "--previous", tmpFile("prev.json", JSON.stringify(prev)), "--json");
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.issues.map((i: { rule: string }) => i.rule)).toEqual(["carry.applications"]);
  });

  it("warnings are listed after errors, marked 警告", async () => {
    const doc = JSON.parse(readFileSync(SEED, "utf8"));
    doc.year = 2022;
    const r = await run("validate", tmpFile("seed-2022.json", JSON.stringify(doc)));
    expect(r.code).toBe(1);
    expect(r.stdout.indexOf("错误（2）")).toBeLessThan(r.stdout.indexOf("警告（1）"));
    expect(r.stdout).toContain("  报告\n    ! 2022 年度报告应使用 2021 年版格式");
  });

  it("exit 2 for unusable input, with a Chinese message naming the path", async () => {
    const missing = await run("validate", join(tmp, "nope.json"));
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toContain("报告：文件不存在：");

    const malformed = await run("validate", tmpFile("bad.json", '{\n  "format": "nianbao/report@1",\n}'));
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("（根）：JSON 格式错误：第 3 行第 1 列，对象最后一项后面多了逗号");

    const typo = await run("validate", tmpFile("typo.json", JSON.stringify({ format: "nianbao/report@1", edition: "2021", year: 2024, agency: { name: "x" }, tables: { applications: { received: { natural: "7" } } } })));
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('tables.applications.received.natural：应为数字或 null，实际为字符串 "7"');

    const edition = await run("validate", tmpFile("ed.json", JSON.stringify({ format: "nianbao/report@1", edition: "2008", year: 2024, agency: { name: "x" } })));
    expect(edition.code).toBe(2);
    expect(edition.stderr).toContain('edition：不支持的格式版本 字符串 "2008"');

    const range = await run("validate", tmpFile("range.json", JSON.stringify({ format: "nianbao/report@1", edition: "2021", year: 2024, agency: { name: "x" }, tables: { appeals: { review: { upheld: 1e15 } } } })));
    expect(range.code).toBe(2);
    expect(range.stderr).toContain("tables.appeals.review.upheld：数值 1000000000000000 超出允许范围");

    const prev = await run("validate", Y2024, "--previous", join(tmp, "nope.json"));
    expect(prev.code).toBe(2);
    expect(prev.stderr).toContain("上年报告：文件不存在");

    const dir = await run("validate", tmp);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain("是目录，不是文件");
  });

  it("exit 2 for bad arguments", async () => {
    expect((await run("validate")).code).toBe(2);
    expect((await run("validate", SEED, Y2024)).stderr).toContain("多余的参数");
    expect((await run("validate", SEED, "--previous")).stderr).toContain("--previous 后面应为上年报告的文件名");
    expect((await run("validate", SEED, "--jsno")).stderr).toContain("未知的选项 --jsno");
  });

  it("--previous also takes an old-style report's archive (from nianbao import): 内容雷同 is checked, nothing else", async () => {
    const archivePath = join(tmp, "archive-2018.json");
    const imported = await run("import", join(root, "lib/import/fixtures/seeds/003_7bcad31b0e10dcd8.txt"), "-o", archivePath);
    expect(imported.code).toBe(0);
    const archive = JSON.parse(readFileSync(archivePath, "utf8"));
    expect(archive.format).toBe("nianbao/legacy-report@1");
    // A 2019 report whose 一、总体情况 copies the archive's first long section.
    const copied = (archive.sections as { text: string }[]).map((x) => x.text).find((t) => t.length > 300)!;
    const report = { ...JSON.parse(readFileSync(SEED, "utf8")), year: 2019, narrative: { overview: copied, problems: "", other: "" } };
    const r = await run("validate", tmpFile("copy-2019.json", JSON.stringify(report)), "--previous", archivePath, "--json");
    const rules = JSON.parse(r.stdout).issues.map((i: { rule: string }) => i.rule);
    expect(rules).toContain("narrative.similarity");
    expect(rules.some((x: string) => x.startsWith("carry.") && x !== "carry.archive")).toBe(false);
    const bad = await run("validate", SEED, "--previous", tmpFile("bad-archive.json", JSON.stringify({ format: "nianbao/legacy-report@1", year: "x" })));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("不是有效的 nianbao/legacy-report@1");
  });
});

describe("nianbao (dispatch)", () => {
  it("--help prints the usage", async () => {
    const r = await run("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("nianbao validate <报告.json> [--previous <上年报告.json>] [--json]");
    expect(r.stdout).toContain("退出码");
  });
  it("no command or an unknown command → usage on stderr, exit 2", async () => {
    expect(await run()).toMatchObject({ code: 2, stdout: "" });
    const r = await run("lint", SEED);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^未知的命令「lint」。/);
    expect(r.stderr).toContain("用法：");
  });
});

describe("as a process", () => {
  const node = (...args: string[]) => spawnSync(process.execPath, [join(root, "bin/nianbao.cjs"), ...args], { cwd: root, encoding: "utf8" });
  it("exit codes 1, 0, 2 and --json on stdout", () => {
    expect(node("validate", SEED).status).toBe(1);
    const clean = node("validate", Y2024, "--previous", Y2023, "--json");
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual({ ok: true, errors: 0, warnings: 0, issues: [] });
    const bad = node("validate", join(tmp, "nope.json"));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("文件不存在");
  });

  it("the prebuilt bundle (dist/cli) and the TypeScript sources give the same answers", () => {
    const fromSource = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, "bin/nianbao.cjs"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NIANBAO_CLI_FROM_SOURCE: "1" } });
    for (const args of [["validate", SEED, "--json"], ["--help"], ["render", "--help"]]) {
      const a = node(...args);
      const b = fromSource(...args);
      expect([a.status, a.stdout]).toEqual([b.status, b.stdout]);
      expect(b.stderr).toBe("");
    }
    // Six processes, three of them compiling the TypeScript sources: ~13 s alone, over 40 s on a
    // loaded 2-core machine. The test is about equal answers, not speed (bench/cli measures that).
  }, 180_000);

  // The bundle's docx is patched (scripts/cli-docx-patches.mjs: native deflate and CRC-32, attribute
  // and child loops, one-pass XML writer); the sources use docx as published. Two reports of the
  // two template editions.
  it.each([Y2024, SEED])("the bundle's .docx has exactly the parts of the sources' .docx (%s)", async (report) => {
    const name = basename(report, ".json");
    const out = (kind: string) => join(tmp, `${name}-${kind}.docx`);
    expect(node("render", report, "--format", "docx", "-o", out("bundle")).status).toBe(0);
    const src = spawnSync(process.execPath, [join(root, "bin/nianbao.cjs"), "render", report, "--format", "docx", "-o", out("source")], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NIANBAO_CLI_FROM_SOURCE: "1" },
    });
    expect(src.status).toBe(0);
    const parts = async (file: string) => {
      const zip = await JSZip.loadAsync(readFileSync(file));
      const names = Object.keys(zip.files).sort();
      // docProps/core.xml carries the time of rendering.
      return Promise.all(names.map(async (n) => [n, n === "docProps/core.xml" ? "" : await zip.file(n)!.async("string")]));
    };
    expect(await parts(out("bundle"))).toEqual(await parts(out("source")));
  }, 60_000);
});
