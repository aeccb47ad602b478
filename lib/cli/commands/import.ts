// nianbao import <file> [-o <out.json>] [--agency <名称>] [--year <年度>] [--kind text|html|docx|pdf]
//
// Reads a published report (plain text, HTML page, Word .docx or PDF), writes `nianbao/report@1` JSON —
// or `nianbao/legacy-report@1` for a pre-2019-style report — to stdout or the -o file, and lists
// on stderr, in Chinese, what needs checking and what was not imported.

import "../one-shot"; // first: before any schema is built
import { readFile, writeFile } from "node:fs/promises";
import { detectKind, importReport, LEGACY_FORMAT, type ImportKind, type ImportNote } from "../../import";
import { editionName, getEdition, TABLE_KEYS } from "../../template";
import { isPlausibleYear, MAX_YEAR, MIN_ANY_YEAR } from "../../data/limits";
import { readArgs, usageError } from "../args";
import type { Command } from "../command";
import { EXIT, type CliIo, readError } from "../io";

import { IMPORT_SUMMARY as SUMMARY, IMPORT_USAGE as USAGE } from "./meta";

/** The CLI's I/O plus binary reads and file writes (defaults: the file system), injectable for tests. */
export interface ImportIo extends CliIo {
  readBytes?(path: string): Promise<Uint8Array>;
  writeFile?(path: string, text: string): Promise<void>;
}

interface Options {
  file: string;
  out?: string;
  agency?: string;
  year?: number;
  kind?: ImportKind;
}

const KINDS: readonly ImportKind[] = ["text", "html", "docx", "pdf"];

function parseArgs(args: string[]): Options | string {
  let file: string | undefined;
  const o: Partial<Options> = {};
  const spec = { output: { value: true, short: "o" }, agency: { value: true }, year: { value: true }, kind: { value: true } };
  for (const t of readArgs(args, spec)) {
    if (t.kind === "unknown") return `未知的选项 ${t.raw}`;
    if (t.kind === "positional") {
      if (file !== undefined) return `多余的参数 ${t.value}（一次只能导入一个文件）`;
      file = t.value;
      continue;
    }
    // A value must follow (a next argument starting with "-" is another option, except "-" itself).
    const v = !t.inline && t.value?.startsWith("-") && t.value !== "-" ? undefined : t.value;
    if (t.name === "output") {
      if (v === undefined) return `${t.raw} 后面应为输出文件名`;
      o.out = v;
    } else if (t.name === "agency") {
      if (v === undefined || v.trim() === "") return "--agency 后面应为机关名称";
      o.agency = v;
    } else if (t.name === "year") {
      const y = v === undefined ? NaN : Number(v);
      if (!isPlausibleYear(y)) return `--year 后面应为报告年度（${MIN_ANY_YEAR} 到 ${MAX_YEAR} 之间的整数）`;
      o.year = y;
    } else {
      if (v === undefined || !(KINDS as readonly string[]).includes(v)) return "--kind 后面应为 text、html、docx 或 pdf";
      o.kind = v as ImportKind;
    }
  }
  if (file === undefined) return "缺少要导入的报告文件";
  return { ...o, file };
}

function list(title: string, notes: readonly ImportNote[]): string {
  if (notes.length === 0) return "";
  return `${title}（${notes.length}）\n${notes.map((n) => `  - ${n.message}`).join("\n")}\n`;
}

/** Runs `nianbao import`; returns the exit code (0 imported, 2 unusable input or arguments). */
export async function runImport(args: string[], io: ImportIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(
      `用法：${USAGE}\n${SUMMARY}。\n` +
        "  -o <文件>        写入文件（默认输出到标准输出）\n" +
        "  --agency <名称>  机关名称（报告中没有写明或写法不规范时指定）\n" +
        "  --year <年度>    报告年度（报告中没有写明时指定）\n" +
        "  --kind <类型>    文件类型 text、html、docx 或 pdf（默认按内容和扩展名识别）\n" +
        "退出码：0 已导入（警告和未导入的内容列在标准错误输出中）；2 文件无法使用或参数有误。\n",
    );
    return EXIT.ok;
  }
  const opts = parseArgs(args);
  if (typeof opts === "string") return usageError(io, "nianbao import：", opts, USAGE);
  let bytes: Uint8Array;
  try {
    bytes = await (io.readBytes ?? ((p: string) => readFile(p)))(opts.file);
  } catch (e) {
    io.stderr(`nianbao import：${readError(opts.file, e)}\n`);
    return EXIT.unusableInput;
  }
  let kind = opts.kind;
  if (!kind) {
    const d = detectKind(opts.file, bytes);
    if (!d.kind) {
      io.stderr(`nianbao import：无法导入 ${opts.file}：${d.reason}\n`);
      return EXIT.unusableInput;
    }
    kind = d.kind;
  }
  const result = await importReport({
    kind,
    data: bytes,
    ...(opts.year !== undefined ? { yearHint: opts.year } : {}),
    ...(opts.agency !== undefined ? { agencyHint: opts.agency } : {}),
    // An agency the document does not name is left blank with a warning: the rest of the report
    // is still worth having (issue 15 §1); --agency fills it.
    agencyMayBeBlank: true,
  });
  if (!result.ok) {
    // An internal error also shows its technical text, for whoever investigates the file.
    const lines = result.errors.map((e) => `  ${e.message}${e.code === "internal" && e.text ? `\n  （技术信息：${e.text}）` : ""}`);
    io.stderr(`nianbao import：无法导入 ${opts.file}：\n${lines.join("\n")}\n${list("警告", result.warnings)}`);
    return EXIT.unusableInput;
  }
  const doc = result.type === "report" ? result.report : result.legacy;
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  let summary: string;
  if (result.type === "report") {
    const r = result.report;
    const edition = getEdition(result.edition);
    const basis = result.findings.editionBasis === "tables" ? "按表格结构识别" : "按报告年度确定";
    const found = TABLE_KEYS.filter((k) => result.findings.tables.includes(k)).map((k) => edition.tables[k].name);
    summary =
      `已导入：${r.agency.name || "（机关名称未知，已留空）"} ${r.year} 年度报告，${editionName(edition)}（${basis}）\n` +
      `找到的表格：${found.length ? found.join("、") : "无"}；章节：${result.findings.sections.join("、") || "无"}\n`;
  } else {
    const l = result.legacy;
    summary =
      `已按旧式报告导入：${l.agency.name || "（机关名称未知，已留空）"} ${l.year} 年度报告，输出格式为 ${LEGACY_FORMAT}（存档格式，不能用 nianbao validate 校验）\n` +
      `原因：${result.legacyReason}\n` +
      `章节 ${l.sections.length} 个${l.statistics ? `；统计表 ${l.statistics.rows.length} 行` : ""}\n`;
  }
  if (opts.out !== undefined) {
    try {
      await (io.writeFile ?? ((p: string, t: string) => writeFile(p, t, "utf8")))(opts.out, json);
    } catch (e) {
      io.stderr(`nianbao import：无法写入 ${opts.out}（${e instanceof Error ? e.message : String(e)}）\n`);
      return EXIT.unusableInput;
    }
    summary += `已写入 ${opts.out}\n`;
  } else io.stdout(json);
  io.stderr(summary + list("警告", result.warnings) + list("未导入的内容", result.unrecognized));
  return EXIT.ok;
}

/** The `import` subcommand as registered in lib/cli/main.ts (same shape as `validateCommand`). */
export const importCommand: Command = {
  name: "import",
  usage: USAGE,
  summary: SUMMARY,
  run: runImport,
};
