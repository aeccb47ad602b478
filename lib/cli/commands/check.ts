// nianbao check <files or .zip>... --year <year> [--agencies <list>] [--scheme <json>] [--date name=date] [--json]
//
// The quality check of issue 18 on files, without a database: the same checks, matching, 内容雷同
// among the files, scores and JSON as the server's run (lib/quality). Without --agencies each file
// counts for the agency its document names; with a list (one name per line), files are matched to
// it as on the server, and files that match no listed agency are reported as such.
import "../one-shot"; // first: before any schema is built
import { readFile } from "node:fs/promises";
import { importReport } from "../../import";
import { finishRun, importFile, parsePreviousRun, runJson, unmatchedFinding, type FinishInput } from "../../quality/batch";
import { attachYearOverYear } from "../../quality/compare";
import { checkImported } from "../../quality/check";
import { unpackUpload, type ReportFile } from "../../quality/files";
import { KIND_LABELS } from "../../quality/kinds";
import { matchAgency, type AgencyRef } from "../../quality/match";
import { DEFAULT_SCHEME, parseScheme } from "../../quality/score";
import { isReportYear } from "../../data/limits";
import { readArgs, usageError } from "../args";
import type { Command } from "../command";
import { EXIT, readError, type CliIo } from "../io";
import { CHECK_SUMMARY, CHECK_USAGE as USAGE } from "./check-meta";

interface Options {
  files: string[];
  year: number;
  agencies?: string;
  scheme?: string;
  dates: Map<string, string>;
  json: boolean;
  /** Last year's result (this command's --json output, or the page's JSON download). */
  previous?: string;
}

function parseArgs(args: string[]): Options | string {
  const files: string[] = [];
  let year: number | undefined;
  let agencies: string | undefined;
  let scheme: string | undefined;
  let previous: string | undefined;
  const dates = new Map<string, string>();
  let json = false;
  const spec = { json: { value: false }, year: { value: true }, agencies: { value: true }, scheme: { value: true }, previous: { value: true }, date: { value: true } };
  for (const t of readArgs(args, spec)) {
    if (t.kind === "unknown") return `未知的选项 ${t.raw}`;
    if (t.kind === "positional") {
      if (t.value === "-") return "未知的选项 -"; // no standard input: "-" is not a file here
      files.push(t.value);
      continue;
    }
    // A value must follow (a next argument starting with "--" is another option).
    const value = !t.inline && t.value?.startsWith("--") ? undefined : t.value;
    if (t.name === "json") json = true;
    else if (t.name === "year") {
      const v = Number(value);
      if (!isReportYear(v)) return "--year 后面应为报告年度，如 2024";
      year = v;
    } else if (t.name === "agencies") {
      agencies = value;
      if (!agencies) return "--agencies 后面应为单位名单文件（每行一个单位名称）";
    } else if (t.name === "scheme") {
      scheme = value;
      if (!scheme) return "--scheme 后面应为评分办法文件（JSON）";
    } else if (t.name === "previous") {
      previous = value;
      if (!previous) return "--previous 后面应为上一年度的检查结果（nianbao check --json 的输出）";
    } else {
      const m = value ? /^(.+)=(.+)$/.exec(value) : null;
      if (!m) return "--date 的格式为 <文件名>=<发布日期>，如 交通运输局.txt=2025-01-20";
      dates.set(m[1]!, m[2]!);
    }
  }
  if (!files.length) return "缺少要检查的年报文件";
  if (year === undefined) return "缺少 --year（报告年度）";
  const o: Options = { files, year, dates, json };
  if (agencies) o.agencies = agencies;
  if (scheme) o.scheme = scheme;
  if (previous) o.previous = previous;
  return o;
}

type Io = CliIo & { readBytes?(path: string): Promise<Uint8Array> };

export const checkCommand: Command = {
  name: "check",
  usage: USAGE,
  summary: CHECK_SUMMARY,
  async run(args: string[], io: Io): Promise<number> {
    const opts = parseArgs(args);
    if (typeof opts === "string") return usageError(io, "nianbao check：", opts, USAGE);
    const readBytes = io.readBytes ?? (async (p: string) => new Uint8Array(await readFile(p)));
    let scheme = DEFAULT_SCHEME;
    if (opts.scheme) {
      let text: string;
      try {
        text = await io.readFile(opts.scheme);
      } catch (e) {
        io.stderr(`nianbao check：评分办法：${readError(opts.scheme, e)}\n`);
        return EXIT.unusableInput;
      }
      const parsed = parseScheme(text);
      if (!parsed.ok) {
        io.stderr(`nianbao check：${parsed.error}\n`);
        return EXIT.unusableInput;
      }
      scheme = parsed.scheme;
    }
    let agencies: AgencyRef[] | undefined;
    if (opts.agencies) {
      try {
        const names = (await io.readFile(opts.agencies)).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
        agencies = names.slice(0, 10_000).map((name, i) => ({ id: i + 1, name }));
      } catch (e) {
        io.stderr(`nianbao check：单位名单：${readError(opts.agencies, e)}\n`);
        return EXIT.unusableInput;
      }
    }
    const uploads: ReportFile[] = [];
    for (const path of opts.files) {
      try {
        uploads.push({ name: path.replace(/^.*[\\/]/, ""), bytes: await readBytes(path) });
      } catch (e) {
        io.stderr(`nianbao check：${readError(path, e)}\n`);
        return EXIT.unusableInput;
      }
    }
    const unpacked = unpackUpload(uploads);
    if (!unpacked.ok) {
      io.stderr(`nianbao check：${unpacked.error}\n`);
      return EXIT.unusableInput;
    }
    const inputs: FinishInput[] = [];
    for (const [k, f] of unpacked.files.entries()) {
      const imported = await importFile(f.name, f.bytes, opts.year, importReport);
      const entered = opts.dates.get(f.name);
      const checked = checkImported(imported.result, { year: opts.year, ...(entered ? { publishedOn: { date: entered, source: "entered" as const } } : {}) });
      const input: FinishInput = { key: String(k), agency: imported.documentAgency ?? f.name, source: "file", fileName: f.name, checked };
      if (agencies) {
        const match = matchAgency(agencies, imported.documentAgency, f.name);
        const unmatched = unmatchedFinding(match);
        if (unmatched) checked.findings.unshift(unmatched);
        input.match = match;
        if (match.agencyId !== undefined && (match.confidence === "exact" || match.confidence === "likely")) input.agency = agencies[match.agencyId - 1]!.name;
      }
      inputs.push(input);
    }
    const result = finishRun(opts.year, inputs, scheme);
    if (opts.previous) {
      let last: ReturnType<typeof parsePreviousRun>;
      try {
        last = parsePreviousRun(await io.readFile(opts.previous), opts.year);
      } catch (e) {
        io.stderr(`nianbao check：上一年度的检查结果：${readError(opts.previous, e)}\n`);
        return EXIT.unusableInput;
      }
      if (!last.ok) {
        io.stderr(`nianbao check：上一年度的检查结果：${last.error}\n`);
        return EXIT.unusableInput;
      }
      attachYearOverYear(result.items, last.items, last.year, (i) => i.agency);
    }
    const json = runJson(result);
    if (opts.json) io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    else {
      const lines = [`${opts.year} 年度年报质量检查：${json.items.length} 份年报${unpacked.skipped.length ? `（跳过非年报文件 ${unpacked.skipped.length} 个）` : ""}`];
      for (const i of json.items) {
        const p = i.previous;
        const yoy = p ? `（上年 ${p.previousScore} 分，${p.delta >= 0 ? "+" : ""}${p.delta}；新增 ${p.new.length}，已整改 ${p.fixed.length}，仍存在 ${p.persisting.length}）` : "";
        lines.push("", `${i.rank}. ${i.agency}（${i.fileName}）得分 ${i.score}${yoy}${i.findings.length ? "" : "，未发现问题"}`);
        for (const f of i.findings) lines.push(`   〔${KIND_LABELS[f.kind]}〕${f.rule}：${f.message}`);
      }
      io.stdout(`${lines.join("\n")}\n`);
    }
    return json.items.some((i) => i.findings.some((f) => f.severity === "error")) ? EXIT.reportHasErrors : EXIT.ok;
  },
};
