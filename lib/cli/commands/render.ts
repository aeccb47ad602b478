// nianbao render <report.json> --format docx|html [-o <out>]
//
// Reads a `nianbao/report@1` file and writes the publishable document: the GB/T 9704 Word file or
// the self-contained accessible HTML page. Without -o the file gets the report's suggested name
// (「示范市应急管理局2024年政府信息公开工作年度报告.docx」) in the current directory.

import "../one-shot"; // first: before any schema is built
import { writeFileSync } from "node:fs";
import { parseReportJson, type InputError, type ReportDoc } from "../../data";
import { renderDocx, renderHtml, reportFileName } from "../../render";
import { readArgs, usageError } from "../args";
import type { Command } from "../command";
import { EXIT, type CliIo, readError } from "../io";

import { RENDER_SUMMARY, RENDER_USAGE as USAGE } from "./meta";

const FORMATS = {
  docx: { ext: "docx", done: "已生成 Word 文档", render: (r: ReportDoc) => renderDocx(r) },
  html: { ext: "html", done: "已生成网页", render: async (r: ReportDoc) => renderHtml(r) },
} as const;
type Format = keyof typeof FORMATS;

const isFormat = (x: string): x is Format => x === "docx" || x === "html";

/** The CLI's I/O plus file writing; tests inject `writeFile`, the real CLI writes with node:fs. */
export interface RenderIo extends CliIo {
  writeFile?(path: string, data: Uint8Array | string): Promise<void>;
}

interface Options {
  file: string;
  format: Format;
  output?: string;
}

/** The format named by an output file's extension, if any. */
function formatOfPath(path: string): Format | undefined {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext === "docx") return "docx";
  if (ext === "html" || ext === "htm") return "html";
  return undefined;
}

function parseArgs(args: string[]): Options | string {
  let file: string | undefined;
  let format: string | undefined;
  let output: string | undefined;
  for (const t of readArgs(args, { format: { value: true, short: "f" }, output: { value: true, short: "o" } })) {
    if (t.kind === "unknown") return `未知的选项 ${t.raw}`;
    if (t.kind === "positional") {
      if (t.value === "-") return "未知的选项 -"; // no standard input: "-" is not a file here
      if (file !== undefined) return `多余的参数 ${t.value}（一次只能生成一个报告）`;
      file = t.value;
      continue;
    }
    const v = t.value;
    if (v === undefined || v === "" || (!t.inline && v.startsWith("-") && v !== "-")) {
      return t.name === "format" ? "--format 后面应为 docx 或 html" : "-o 后面应为输出文件名";
    }
    if (t.name === "format") format = v.toLowerCase();
    else output = v;
  }
  if (file === undefined) return "缺少报告文件（nianbao/report@1 格式的 JSON）";
  if (format !== undefined && !isFormat(format)) return `不支持的格式「${format}」（可用：docx、html）`;
  // --format wins; otherwise the output file's extension decides; the Word file is the default.
  const o: Options = { file, format: format ?? (output ? formatOfPath(output) : undefined) ?? "docx" };
  if (output !== undefined) o.output = output;
  return o;
}

function writeError(path: string, e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === "ENOENT") return `无法写入 ${path}：目录不存在`;
  if (code === "EISDIR") return `无法写入 ${path}：这是一个目录`;
  if (code === "EACCES" || code === "EPERM") return `没有权限写入文件：${path}`;
  return `无法写入文件 ${path}（${e instanceof Error ? e.message : String(e)}）`;
}

const indent = (errors: InputError[]) => errors.map((e) => `  ${e.message}`).join("\n");

/** Runs `nianbao render`; returns the exit code (0 written, 2 unusable input or arguments, or not writable). */
export async function runRender(args: string[], io: RenderIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(
      `用法：${USAGE}\n${renderCommand.summary}\n` +
        `不给 -o 时，文件名取自报告标题，写在当前目录；不给 --format 时按 -o 的扩展名判断，默认 docx。\n` +
        `退出码：0 已生成；2 输入无法使用、参数有误或无法写入。\n`,
    );
    return EXIT.ok;
  }
  const opts = parseArgs(args);
  if (typeof opts === "string") return usageError(io, "nianbao render：", opts, USAGE);

  let text: string;
  try {
    text = await io.readFile(opts.file);
  } catch (e) {
    io.stderr(`报告：${readError(opts.file, e)}\n`);
    return EXIT.unusableInput;
  }
  const parsed = parseReportJson(text);
  if (!parsed.ok) {
    io.stderr(`报告 ${opts.file} 不是有效的 nianbao/report@1 年度报告：\n${indent(parsed.errors)}\n`);
    return EXIT.unusableInput;
  }

  const format = FORMATS[opts.format];
  const out = opts.output ?? reportFileName(parsed.report, format.ext);
  const data = await format.render(parsed.report);
  try {
    await (io.writeFile ?? (async (p, d) => writeFileSync(p, d)))(out, data); // synchronous: see nodeIo
  } catch (e) {
    io.stderr(`nianbao render：${writeError(out, e)}\n`);
    return EXIT.unusableInput;
  }
  const bytes = typeof data === "string" ? new TextEncoder().encode(data).length : data.length;
  io.stdout(`${format.done}：${out}（${(bytes / 1024).toFixed(1)} KB）\n`);
  return EXIT.ok;
}

/** The `render` subcommand as registered in main.ts (same shape as `validateCommand`). */
export const renderCommand: Command = {
  name: "render",
  usage: USAGE,
  summary: RENDER_SUMMARY,
  run: runRender,
};
