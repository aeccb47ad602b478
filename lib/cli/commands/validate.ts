// nianbao validate <report.json> [--previous <last-year.json>] [--json]

import "../one-shot"; // first: before any schema is built
import { parseReportJson, type InputError, type ReportDoc } from "../../data";
import { LEGACY_FORMAT, parseLegacyReport } from "../../import/legacy";
import { archiveReference } from "../../import/legacy-reference";
import { validateReport, type ValidateOptions } from "../../rules";
import { readArgs, usageError } from "../args";
import type { Command } from "../command";
import { EXIT, type CliIo, readError } from "../io";
import { formatValidation } from "../issues-text";

import { VALIDATE_SUMMARY, VALIDATE_USAGE as USAGE } from "./meta";

interface Options {
  file: string;
  previous?: string;
  json: boolean;
}

function parseArgs(args: string[]): Options | string {
  let file: string | undefined;
  let previous: string | undefined;
  let json = false;
  for (const t of readArgs(args, { json: { value: false }, previous: { value: true, short: "p" } })) {
    if (t.kind === "unknown") return `未知的选项 ${t.raw}`;
    if (t.kind === "positional") {
      if (file !== undefined) return `多余的参数 ${t.value}（一次只能校验一个文件）`;
      file = t.value;
    } else if (t.name === "json") json = true;
    else {
      if (t.value === undefined || (!t.inline && t.value.startsWith("--"))) return "--previous 后面应为上年报告的文件名";
      previous = t.value;
    }
  }
  if (file === undefined) return "缺少要校验的报告文件";
  const o: Options = { file, json };
  if (previous !== undefined) o.previous = previous;
  return o;
}

async function load(io: CliIo, path: string, what: string): Promise<{ ok: true; report: ReportDoc } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (e) {
    return { ok: false, message: `${what}：${readError(path, e)}` };
  }
  const parsed = parseReportJson(text);
  if (!parsed.ok) return { ok: false, message: `${what} ${path} 不是有效的 nianbao/report@1 年度报告：\n${indent(parsed.errors)}` };
  return parsed;
}

/**
 * Last year: a `nianbao/report@1` report (all cross-year checks), or an old-style report's archive
 * `nianbao/legacy-report@1` as `nianbao import` writes it (only 内容雷同: it has no statutory tables).
 */
async function loadPrevious(io: CliIo, path: string): Promise<{ ok: true; options: ValidateOptions } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (e) {
    return { ok: false, message: `上年报告：${readError(path, e)}` };
  }
  let format: unknown;
  try {
    format = (JSON.parse(text) as { format?: unknown } | null)?.format;
  } catch {
    format = undefined; // the report parser below names the JSON error
  }
  if (format === LEGACY_FORMAT) {
    const legacy = parseLegacyReport(JSON.parse(text));
    if (!legacy.ok) return { ok: false, message: `上年归档 ${path} 不是有效的 ${LEGACY_FORMAT} 文档：\n${legacy.errors.map((e) => `  ${e}`).join("\n")}` };
    const ref = archiveReference(legacy.legacy);
    return { ok: true, options: { previousArchive: { year: ref.year, narrative: ref.narrative } } };
  }
  const parsed = parseReportJson(text);
  if (!parsed.ok) return { ok: false, message: `上年报告 ${path} 不是有效的 nianbao/report@1 年度报告：\n${indent(parsed.errors)}` };
  return { ok: true, options: { previous: parsed.report } };
}

function indent(errors: InputError[]): string {
  return errors.map((e) => `  ${e.message}`).join("\n");
}

export const validateCommand: Command = {
  name: "validate",
  usage: USAGE,
  summary: VALIDATE_SUMMARY,
  async run(args, io) {
    if (args.includes("--help") || args.includes("-h")) {
      io.stdout(`用法：${USAGE}\n${this.summary}\n退出码：0 无错误；1 报告有错误；2 输入无法使用。\n`);
      return EXIT.ok;
    }
    const opts = parseArgs(args);
    if (typeof opts === "string") return usageError(io, "nianbao validate：", opts, USAGE);
    const current = await load(io, opts.file, "报告");
    if (!current.ok) {
      io.stderr(`${current.message}\n`);
      return EXIT.unusableInput;
    }
    let options: ValidateOptions = {};
    if (opts.previous !== undefined) {
      const p = await loadPrevious(io, opts.previous);
      if (!p.ok) {
        io.stderr(`${p.message}\n`);
        return EXIT.unusableInput;
      }
      options = p.options;
    }
    const result = validateReport(current.report, options);
    io.stdout(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatValidation(current.report, result, opts.file));
    return result.ok ? EXIT.ok : EXIT.reportHasErrors;
  },
};
