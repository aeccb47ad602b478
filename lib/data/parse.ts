// Reading untrusted input into a ReportDoc: format and edition first (they decide which schema
// applies), then the edition's schema, then normalisation (every cell present, null when blank).
// Every rejection names the JSON path of the bad value, in Chinese, so a user can find it.

import { EDITIONS, NARRATIVE_HEADINGS, NARRATIVE_KEYS, TABLE_KEYS, findEdition, narrativeRecord, type Edition, type TableKey } from "../template";
import { locateJsonError } from "./json-error";
import { MAX_CELL_MAGNITUDE, MAX_YEAR, MIN_YEAR, reportSchema } from "./schema";

const TEXT_LABELS: Record<string, string> = {
  // 「总体情况」…: the section heading without its number 「一、」.
  ...Object.fromEntries(NARRATIVE_KEYS.map((k) => [`narrative.${k}`, NARRATIVE_HEADINGS[k].slice(2)])),
  "meta.title": "标题",
  "meta.preamble": "引言",
  "meta.signature": "落款单位",
  "meta.date": "成文日期",
};
import {
  REPORT_FORMAT,
  type InputError,
  type ParseResult,
  type ReportDoc,
  type ReportMeta,
  type ReportNarrative,
  type TableData,
} from "./types";

type Path = readonly PropertyKey[];

/** "tables.applications.received.natural", "agency.codes[0]". */
export function formatPath(path: Path): string {
  let s = "";
  for (const p of path) {
    if (typeof p === "number") s += `[${p}]`;
    else s += s ? `.${String(p)}` : String(p);
  }
  return s;
}

function inputError(path: Path, detail: string): InputError {
  const p = formatPath(path);
  return { path: p, message: `${p || "（根）"}：${detail}` };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** How a value is named in a message: 字符串 "abc", 数字 1.5, 布尔值 true, 数组, 对象, null. */
export function describeValue(v: unknown): string {
  if (v === undefined) return "缺失";
  if (v === null) return "null";
  if (typeof v === "string") return `字符串 ${JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v)}`;
  if (typeof v === "number") return `数字 ${String(v)}`;
  if (typeof v === "boolean") return `布尔值 ${String(v)}`;
  if (typeof v === "bigint") return `大整数 ${String(v)}`;
  if (Array.isArray(v)) return "数组";
  if (typeof v === "object") return "对象";
  if (typeof v === "function") return "函数";
  return typeof v;
}

function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p as string];
  }
  return v;
}

const TABLE_NAMES = (e: Edition, t: TableKey) => `${e.tables[t].name}（${e.tables[t].title}）`;

/** What the path is, for messages about wrong types / unknown keys. */
function describeExpected(edition: Edition, path: Path, expected: string): string {
  const [top, table] = path;
  if (top === "tables" && path.length === 4) return "数字或 null";
  if (top === "tables" && path.length === 3) return "对象（列 → 数值）";
  if (top === "tables" && path.length === 2) return `对象（${TABLE_NAMES(edition, table as TableKey)}：行 → 列 → 数值）`;
  if (top === "year") return `${MIN_YEAR} 到 ${MAX_YEAR} 之间的整数`;
  if (top === "agency" && path.length === 1) return "对象（至少包含 name：机关名称）";
  if (top === "agency" && path[1] === "name") return "字符串（机关名称）";
  if ((top === "narrative" || top === "meta") && path.length === 2) return "字符串或 null";
  switch (expected) {
    case "object":
      return "对象";
    case "string":
      return "字符串";
    case "number":
      return "数字";
    case "int":
      return "整数";
    default:
      return expected;
  }
}

function unknownKeyMessage(edition: Edition, path: Path, key: string): string {
  const [top, table, row] = path;
  if (path.length === 0) return `未知的字段 "${key}"（${REPORT_FORMAT} 的字段：format、edition、year、agency、meta、narrative、tables）`;
  if (top === "narrative") return `未知的叙述部分 "${key}"（可用：overview、problems、other）`;
  if (top === "tables" && path.length === 1) return `未知的表 "${key}"（可用：${TABLE_KEYS.join("、")}）`;
  if (top === "tables" && path.length === 2) {
    const t = edition.tables[table as TableKey];
    const rows = t.blocks.flatMap((b) => b.rows.map((r) => r.key));
    return `${t.name}（${edition.id} 年版）没有 "${key}" 这一行（可用的行：${rows.join("、")}）`;
  }
  if (top === "tables" && path.length === 3) {
    const t = edition.tables[table as TableKey];
    const block = t.blocks.find((b) => b.rows.some((r) => r.key === row));
    const cols = block?.columns.map((c) => c.key) ?? [];
    return `${t.name}的 "${String(row)}" 行没有 "${key}" 这一列（可用的列：${cols.join("、")}）`;
  }
  return `未知的字段 "${key}"`;
}

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  expected?: string;
  keys?: string[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  message: string;
}

function translateIssue(edition: Edition, input: unknown, issue: ZodIssueLike): InputError[] {
  const path = issue.path;
  const actual = valueAt(input, path);
  switch (issue.code) {
    case "invalid_type": {
      const want = describeExpected(edition, path, issue.expected ?? "");
      if (actual === undefined) return [inputError(path, `缺少必填字段，应为${want}`)];
      if (typeof actual === "number" && !Number.isFinite(actual)) {
        return [inputError(path, `数值 ${String(actual)} 无效，应为有限的数字`)];
      }
      return [inputError(path, `应为${want}，实际为${describeValue(actual)}`)];
    }
    case "unrecognized_keys":
      return (issue.keys ?? []).map((k) => inputError([...path, k], unknownKeyMessage(edition, path, k)));
    case "too_big":
    case "too_small": {
      if (path[0] === "tables") {
        const limit = Math.abs(Number(issue.code === "too_big" ? issue.maximum : issue.minimum)) || MAX_CELL_MAGNITUDE;
        return [inputError(path, `数值 ${String(actual)} 超出允许范围（绝对值不得超过 ${limit}）`)];
      }
      if (path[0] === "year") return [inputError(path, `年度应为 ${MIN_YEAR} 到 ${MAX_YEAR} 之间的整数，实际为 ${String(actual)}`)];
      if (issue.origin === "string" && issue.code === "too_big") {
        const name = TEXT_LABELS[formatPath(path)] ?? "文字";
        const length = typeof actual === "string" ? actual.length : 0;
        return [inputError(path, `「${name}」过长：${length} 字，上限 ${Number(issue.maximum)} 字。请删减后再保存（一节正文通常只有几千字）`)];
      }
      if (issue.origin === "string") return [inputError(path, "不能为空")];
      return [inputError(path, `数值超出允许范围，实际为${describeValue(actual)}`)];
    }
    case "invalid_value":
      return [inputError(path, `值无效，实际为${describeValue(actual)}`)];
    default:
      return [inputError(path, `值无效（${issue.message}）`)];
  }
}

function supportedEditions(): string {
  return EDITIONS.map((e) => {
    const years = e.appliesTo.toYear ? `${e.appliesTo.fromYear}–${e.appliesTo.toYear} 年度` : `${e.appliesTo.fromYear} 年度起`;
    return `"${e.id}"（${e.notice}，${years}）`;
  }).join("、");
}

/** Deepest nesting a document may have: the tables need 4 levels; agency and meta extras get room to spare. */
export const MAX_NESTING = 32;

function isPlainContainer(v: object): boolean {
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * The first value that could not be stored and read back as it is — nested deeper than
 * MAX_NESTING, or no JSON value at all (NaN, a Date, a function: in-process callers only) — or
 * undefined. Iterative, so absurd nesting (JSON.parse accepts 100 000 levels) cannot overflow the
 * stack here; a document that passes can be stored (JSON.stringify recurses and fails at a few
 * thousand levels).
 */
function unstorable(input: Record<string, unknown>): { path: Path; detail: string } | undefined {
  const stack: { value: unknown; path: Path }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || value === undefined || typeof value === "string" || typeof value === "boolean") continue;
    if (typeof value === "number") {
      if (!Number.isFinite(value)) return { path, detail: `数值 ${String(value)} 无效，应为有限的数字` };
      continue;
    }
    if (typeof value !== "object" || !isPlainContainer(value)) return { path, detail: `应为 JSON 数据（字符串、数字、对象等），实际为${describeValue(value)}` };
    if (path.length >= MAX_NESTING) return { path, detail: `嵌套层数过多（最多 ${MAX_NESTING} 层），不是有效的年报数据` };
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else for (const k of Object.keys(value)) stack.push({ value: (value as Record<string, unknown>)[k], path: [...path, k] });
  }
  return undefined;
}

function text(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** Copies a validated input into a full ReportDoc: every row and column of the edition, null when blank. */
function normalise(edition: Edition, input: Record<string, unknown>): ReportDoc {
  const tablesIn = isPlainObject(input.tables) ? input.tables : {};
  const tables = {} as Record<TableKey, TableData>;
  for (const t of TABLE_KEYS) {
    const tRaw = tablesIn[t];
    const tIn = isPlainObject(tRaw) ? tRaw : {};
    const out: TableData = {};
    for (const block of edition.tables[t].blocks) {
      for (const row of block.rows) {
        const rRaw = tIn[row.key];
        const rIn = isPlainObject(rRaw) ? rRaw : {};
        const r: Record<string, number | null> = {};
        for (const col of block.columns) {
          const v = rIn[col.key];
          r[col.key] = typeof v === "number" ? v : null;
        }
        out[row.key] = r;
      }
    }
    tables[t] = out;
  }
  const nRaw = input.narrative;
  const nIn = isPlainObject(nRaw) ? nRaw : {};
  const narrative: ReportNarrative = narrativeRecord((k) => text(nIn[k]));
  const agency = { ...(input.agency as Record<string, unknown>), name: String((input.agency as { name: string }).name).trim() };
  const doc: ReportDoc = {
    format: REPORT_FORMAT,
    edition: edition.id as ReportDoc["edition"],
    year: input.year as number,
    agency,
    narrative,
    tables,
  };
  if (isPlainObject(input.meta)) {
    const meta: ReportMeta = {};
    for (const [k, v] of Object.entries(input.meta)) if (v !== null && v !== undefined) meta[k] = v;
    doc.meta = meta;
  }
  return doc;
}

/**
 * Validates untrusted input (parsed JSON, an API body) as a `nianbao/report@1` document.
 * Never throws. Arithmetic consistency is NOT checked here: that is the rule engine's job.
 * `textLimits: false` reads a document stored before the length caps (MAX_NARRATIVE_CHARS) existed.
 */
export function parseReport(input: unknown, opts: { textLimits?: boolean } = {}): ParseResult {
  if (!isPlainObject(input)) {
    return { ok: false, errors: [inputError([], `应为 JSON 对象（${REPORT_FORMAT} 报告），实际为${describeValue(input)}`)] };
  }
  if (input.format !== REPORT_FORMAT) {
    const detail =
      input.format === undefined
        ? `缺少 format 字段，应为 "${REPORT_FORMAT}"`
        : `不支持的文件格式 ${describeValue(input.format)}，应为 "${REPORT_FORMAT}"`;
    return { ok: false, errors: [inputError(["format"], detail)] };
  }
  const edition = typeof input.edition === "string" ? findEdition(input.edition) : undefined;
  if (!edition) {
    const detail =
      input.edition === undefined
        ? `缺少 edition 字段（年度报告格式的版本），支持的版本：${supportedEditions()}`
        : `不支持的格式版本 ${describeValue(input.edition)}，支持的版本：${supportedEditions()}`;
    return { ok: false, errors: [inputError(["edition"], detail)] };
  }
  let result;
  try {
    result = reportSchema(edition, opts).safeParse(input);
  } catch (e) {
    // zod does not throw on data, but exotic objects (throwing getters, proxies) can.
    return { ok: false, errors: [inputError([], `无法读取输入（${e instanceof Error ? e.message : String(e)}）`)] };
  }
  if (!result.success) {
    const errors = result.error.issues.flatMap((i) => translateIssue(edition, input, i as unknown as ZodIssueLike));
    return { ok: false, errors };
  }
  // The schema lets agency and meta carry extra fields of any shape: they must still be storable.
  const bad = unstorable(input);
  if (bad) return { ok: false, errors: [inputError(bad.path, bad.detail)] };
  return { ok: true, report: normalise(edition, input) };
}

/** Parses JSON text (a file, a request body) and validates it; malformed JSON gets line and column. */
export function parseReportJson(json: string): ParseResult {
  const source = json.charCodeAt(0) === 0xfeff ? json.slice(1) : json; // files saved by Windows editors start with a BOM
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    const where = locateJsonError(source);
    // The engine's own message is English and differs between versions: never shown to the user.
    const detail = where ? `JSON 格式错误：第 ${where.line} 行第 ${where.column} 列，${where.reason}` : "JSON 格式错误，无法确定出错的位置";
    return { ok: false, errors: [{ path: "", message: `（根）：${detail}` }] };
  }
  return parseReport(value);
}

/**
 * A report document as the database stores it (a JSON text column: a report's data, a snapshot):
 * the document, or null when the text is not a readable `nianbao/report@1` report. No text limits:
 * what was stored before a limit was introduced must still read back.
 */
export function parseStoredReport(text: string): ReportDoc | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = parseReport(value, { textLimits: false });
  return parsed.ok ? parsed.report : null;
}

/** "path：message" lines for display. */
export function formatInputErrors(errors: readonly InputError[]): string {
  return errors.map((e) => e.message).join("\n");
}

