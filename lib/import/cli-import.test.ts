// `nianbao import` (lib/cli/commands/import.ts), run in-process on real files.
// (Kept in lib/import/ because that is the importer's directory; it tests the CLI command only.)

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importCommand, runImport } from "../cli/commands/import";
import { main } from "../cli/main";
import { nodeIo } from "../cli/io";
import { seed2020 } from "../fixtures/load";
import { clean2024 } from "../fixtures/load";
import { reportToDocx } from "./fixtures/from-layout";

const seedFile = (name: string) => fileURLToPath(new URL(`./fixtures/seeds/${name}`, import.meta.url));
const SEED001 = seedFile("001_e58fc4138ebb9d36.txt");
const SEED003 = seedFile("003_7bcad31b0e10dcd8.txt");
const tmp = mkdtempSync(join(tmpdir(), "nianbao-import-"));

async function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runImport(args, { ...nodeIo, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe("nianbao import", () => {
  it("seed 001 with --agency: the report JSON (2-space indent) on stdout, notes in Chinese on stderr, exit 0", async () => {
    const r = await run(SEED001, "--agency", "南通市应急管理局");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(seed2020());
    expect(r.stdout).toBe(`${JSON.stringify(JSON.parse(r.stdout), null, 2)}\n`);
    expect(r.stderr).toContain("已导入：南通市应急管理局 2020 年度报告，2019 年版格式（国办公开办函〔2019〕60号）（按表格结构识别）");
    expect(r.stderr).toContain("找到的表格：表二、表三、表四；章节：一、二、三、四、五、六");
    expect(r.stderr).toContain("警告（3）\n  - 文档：报告的标题和开头没有写明年度");
    expect(r.stderr).toContain("  - 第 10 行：表二表头「本年新」不完整，按位置识别为「本年新制作数量」");
  });

  it("-o writes the file; the result validates with the two known errors", async () => {
    const out = join(tmp, "001.json");
    const r = await run(SEED001, "--agency=南通市应急管理局", "-o", out);
    expect(r).toMatchObject({ code: 0, stdout: "" });
    expect(r.stderr).toContain(`已写入 ${out}`);
    let stdout = "";
    const code = await main(["validate", out, "--json"], { ...nodeIo, stdout: (t) => void (stdout += t), stderr: () => {} });
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ errors: 2, warnings: 0 });
  });

  it("a legacy report is written as nianbao/legacy-report@1, and says so", async () => {
    const r = await run(SEED003);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ format: "nianbao/legacy-report@1", year: 2018, agency: { name: "衢州市安全生产监督管理局" } });
    expect(doc.statistics.rows).toHaveLength(84);
    expect(r.stderr).toContain("已按旧式报告导入：衢州市安全生产监督管理局 2018 年度报告，输出格式为 nianbao/legacy-report@1（存档格式，不能用 nianbao validate 校验）");
    expect(r.stderr).toContain("原因：2018 年度报告早于统一的年度报告格式");
  });

  it("detects a .docx by its content", async () => {
    const file = join(tmp, "report.bin");
    writeFileSync(file, await reportToDocx(clean2024()));
    const r = await run(file);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tables).toEqual(clean2024().tables);
  });

  it("exit 2 with a clear Chinese message when the file is unusable", async () => {
    const missing = await run(join(tmp, "nope.txt"));
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toBe(`nianbao import：文件不存在：${join(tmp, "nope.txt")}\n`);

    const pdf = join(tmp, "report.pdf");
    writeFileSync(pdf, "%PDF-1.7\n…");
    expect((await run(pdf)).stderr).toContain("无法读取该 PDF 文件");

    const dir = await run(tmp);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain("是目录，不是文件");
  });

  it("an agency the document does not name: imported with the agency blank and a warning, not refused (issue 15 §1)", async () => {
    const r = await run(SEED001);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.agency.name).toBe("");
    expect(doc.year).toBe(2020);
    const withAgency = JSON.parse((await run(SEED001, "--agency", "南通市应急管理局")).stdout);
    expect(doc.tables).toEqual(withAgency.tables);
    expect(r.stderr).toContain("已导入：（机关名称未知，已留空） 2020 年度报告");
    expect(r.stderr).toContain("无法确定报告的机关名称");
    expect(r.stderr).toContain("--agency");
    // A legacy report without a name too.
    const legacy = readFileSync(SEED003, "utf8").replace(/衢州市安全生产监督管理局/g, "");
    const file = join(tmp, "legacy-noname.txt");
    writeFileSync(file, legacy);
    const l = await run(file, "--year", "2018");
    expect(l.code).toBe(0);
    expect(JSON.parse(l.stdout)).toMatchObject({ format: "nianbao/legacy-report@1", year: 2018, agency: { name: "" } });
  });

  it("exit 2 for bad arguments", async () => {
    expect((await run()).stderr).toContain("缺少要导入的报告文件");
    expect((await run(SEED001, SEED003)).stderr).toContain("多余的参数");
    expect((await run(SEED001, "-o")).stderr).toContain("-o 后面应为输出文件名");
    expect((await run(SEED001, "--year", "二〇二〇")).stderr).toContain("--year 后面应为报告年度");
    expect((await run(SEED001, "--kind", "rtf")).stderr).toContain("--kind 后面应为 text、html、docx 或 pdf");
    expect((await run(SEED001, "--agnecy", "x")).stderr).toContain("未知的选项 --agnecy");
    expect((await run(SEED001, "--agnecy", "x")).code).toBe(2);
  });

  it("--help prints the usage; the command is registered in the CLI", async () => {
    const r = await run("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("nianbao import <已发布的报告> [-o <输出.json>]");
    expect(importCommand.name).toBe("import");
    let stdout = "";
    await main(["--help"], { ...nodeIo, stdout: (t) => void (stdout += t), stderr: () => {} });
    expect(stdout).toContain(importCommand.usage);
  });

  it("--year and --kind are passed on", async () => {
    const text = readFileSync(SEED001, "utf8");
    const file = join(tmp, "seed.html");
    writeFileSync(file, text);
    const r = await run(file, "--kind", "text", "--year", "2020", "--agency", "南通市应急管理局");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tables).toEqual(seed2020().tables);
    expect(r.stderr).not.toContain("推断");
  });
});
