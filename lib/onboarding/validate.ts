// Onboarding a county: the rows of the 单位 and 用户 sheets checked against each other and against
// what the system already holds, every problem in Chinese with its sheet and row number — before
// anything is written. Pure and linear in the number of rows (maps, one walk of the hierarchy).

import { ROLE_IDS, ROLE_LABELS, type RoleId } from "../auth/roles";
import { AGENCY_SHEET, LIMITS, normalizeHeader, sheetOfHeader, USER_SHEET, type SheetDef, type SheetKind } from "./columns";
import { AGENCY_CODE_RE, AGENCY_CODE_RULE, LOGIN_RE, LOGIN_RULE } from "../data/codes";

export interface AgencyRow {
  row: number;
  name: string;
  code: string;
  /** Code of the supervising agency (in the file or the system), null for a top of the hierarchy. */
  parentCode: string | null;
}

export interface UserRow {
  row: number;
  login: string;
  displayName: string;
  role: RoleId;
  /** Code of the user's agency (in the file or the system); null only for an admin. */
  agencyCode: string | null;
}

export interface Problem {
  /** 「单位」「用户」, or 「文件」 for the upload as a whole. */
  sheet: string;
  /** Row number as the spreadsheet shows it (the header is row 1); 0 for the whole file or sheet. */
  row: number;
  message: string;
}

export interface ExistingState {
  agencies: readonly { code: string; name: string; active: boolean }[];
  logins: ReadonlySet<string>;
}

export interface OnboardingPlan {
  /** Agencies to create, parents before children. */
  agencies: AgencyRow[];
  users: UserRow[];
  problems: Problem[];
}

/** A sheet as read from a file: rows of cell texts, the first the header. */
export interface RawSheet {
  source: string;
  rows: string[][];
}

const CODE = AGENCY_CODE_RE;
const LOGIN = LOGIN_RE;
const ROLE_BY_WORD = new Map<string, RoleId>([...ROLE_IDS.map((r) => [r, r] as [string, RoleId]), ...ROLE_IDS.map((r) => [ROLE_LABELS[r], r] as [string, RoleId]), ["管理员", "admin"], ["主管部门人员", "supervisor"]]);

/** Cell text as typed: trimmed, full-width spaces and invisible characters removed. */
function clean(v: string | undefined): string {
  return (v ?? "").replace(/[\u200b-\u200d\ufeff]/g, "").replace(/\u3000/g, " ").trim();
}

interface Keyed {
  sheet: SheetDef;
  source: string;
  header: Map<string, number>;
  rows: { row: number; cells: string[] }[];
}

/** Finds each sheet's columns by its header row; sheets that fit no template are reported. */
function keyed(raw: readonly RawSheet[], problems: Problem[]): Map<SheetKind, Keyed> {
  const out = new Map<SheetKind, Keyed>();
  for (const s of raw) {
    const headerAt = s.rows.findIndex((r) => r.some((c) => clean(c) !== ""));
    if (headerAt < 0) continue; // an empty sheet (e.g. the 说明 sheet's neighbours) is no problem
    const headers = s.rows[headerAt]!.map((h) => normalizeHeader(clean(h)));
    const sheet = sheetOfHeader(headers);
    if (!sheet) {
      if (s.source.endsWith("说明")) continue;
      problems.push({ sheet: "文件", row: 0, message: `「${s.source}」的第 ${headerAt + 1} 行不是模板的表头：单位表须有「${AGENCY_SHEET.columns.filter((c) => c.required).map((c) => c.header).join("」「")}」列，用户表须有「${USER_SHEET.columns.filter((c) => c.required).map((c) => c.header).join("」「")}」列` });
      continue;
    }
    if (out.has(sheet.kind)) {
      problems.push({ sheet: "文件", row: 0, message: `上传的文件中有两个「${sheet.name}」表（${out.get(sheet.kind)!.source}、${s.source}），请合并为一个` });
      continue;
    }
    const header = new Map<string, number>();
    headers.forEach((h, i) => {
      if (!header.has(h)) header.set(h, i);
    });
    const rows: Keyed["rows"] = [];
    for (let i = headerAt + 1; i < s.rows.length; i++) {
      const cells = s.rows[i] ?? [];
      if (cells.every((c) => clean(c) === "")) continue;
      rows.push({ row: i + 1, cells });
    }
    out.set(sheet.kind, { sheet, source: s.source, header, rows });
  }
  return out;
}

function cell(k: Keyed, r: { cells: string[] }, key: string): string {
  const col = k.sheet.columns.find((c) => c.key === key)!;
  const at = k.header.get(col.header);
  return at === undefined ? "" : clean(r.cells[at]);
}

export function validateOnboarding(raw: readonly RawSheet[], existing: ExistingState): OnboardingPlan {
  const problems: Problem[] = [];
  const sheets = keyed(raw, problems);
  if (!sheets.size && !problems.length) problems.push({ sheet: "文件", row: 0, message: "文件中没有可导入的单位或用户（请使用下载的模板，保留表头）" });
  const existingByCode = new Map(existing.agencies.map((a) => [a.code.toLowerCase(), a]));
  const existingNames = new Set(existing.agencies.map((a) => a.name));
  const say = (sheet: string, row: number, message: string) => problems.push({ sheet, row, message });

  // ---- agencies
  const agencies: AgencyRow[] = [];
  const a = sheets.get("agencies");
  const fileCodes = new Map<string, number>();
  const fileNames = new Map<string, number>();
  if (a) {
    const S = a.sheet.name;
    if (a.rows.length > LIMITS.maxRows) say(S, 0, `「单位」表有 ${a.rows.length} 行，超过上限 ${LIMITS.maxRows} 行，请分批导入`);
    for (const r of a.rows.slice(0, LIMITS.maxRows)) {
      const name = cell(a, r, "name");
      const code = cell(a, r, "code").toLowerCase();
      const parentRaw = cell(a, r, "parent").toLowerCase();
      const before = problems.length;
      if (!name) say(S, r.row, "缺少单位名称");
      else if (name.length < 2 || name.length > 60) say(S, r.row, `单位名称「${name.slice(0, 60)}」须为 2–60 个字`);
      else if (existingNames.has(name)) say(S, r.row, `单位名称「${name}」在系统中已存在`);
      else if (fileNames.has(name)) say(S, r.row, `单位名称「${name}」与第 ${fileNames.get(name)} 行重复`);
      if (!code) say(S, r.row, "缺少单位代码");
      else if (!CODE.test(code)) say(S, r.row, `单位代码「${code.slice(0, 40)}」格式不对：${AGENCY_CODE_RULE}`);
      else if (existingByCode.has(code)) say(S, r.row, `单位代码「${code}」在系统中已存在（${existingByCode.get(code)!.name}）`);
      else if (fileCodes.has(code)) say(S, r.row, `单位代码「${code}」与第 ${fileCodes.get(code)} 行重复`);
      if (name && !fileNames.has(name)) fileNames.set(name, r.row);
      if (code && CODE.test(code) && !fileCodes.has(code)) fileCodes.set(code, r.row);
      if (problems.length === before) agencies.push({ row: r.row, name, code, parentCode: parentRaw || null });
      else if (code && CODE.test(code)) agencies.push({ row: -r.row, name, code, parentCode: parentRaw || null }); // kept for the hierarchy check only
    }
    // Parents: in the file or in the system, and no cycle.
    const inFile = new Map(agencies.map((x) => [x.code, x]));
    for (const x of agencies) {
      if (x.row < 0 || x.parentCode === null) continue;
      if (x.parentCode === x.code) say(S, x.row, `上级单位代码「${x.parentCode}」是本单位自己`);
      else if (!inFile.has(x.parentCode)) {
        const ex = existingByCode.get(x.parentCode);
        if (!ex) say(S, x.row, `上级单位代码「${x.parentCode.slice(0, 40)}」不存在：既不在本表中，也不是系统中已有的单位`);
        else if (!ex.active) say(S, x.row, `上级单位「${ex.name}」已停用`);
      }
    }
    // Cycles among the file's rows: walk each chain once (colouring), report every row on a cycle.
    const state = new Map<string, 1 | 2>();
    for (const start of agencies) {
      const path: AgencyRow[] = [];
      let cur: AgencyRow | undefined = start;
      while (cur && !state.has(cur.code)) {
        state.set(cur.code, 1);
        path.push(cur);
        cur = cur.parentCode && cur.parentCode !== cur.code ? inFile.get(cur.parentCode) : undefined;
      }
      if (cur && state.get(cur.code) === 1) {
        const cycle = path.slice(path.indexOf(cur));
        const text = [...cycle.map((c) => c.code), cur.code].join(" → ");
        for (const c of cycle) say(S, Math.abs(c.row), `上下级关系成环：${text}`);
      }
      for (const p of path) state.set(p.code, 2);
    }
  }
  const badRows = new Set(problems.filter((p) => p.sheet === AGENCY_SHEET.name).map((p) => p.row));
  // An agency whose parent chain has a problem cannot be created either; say so once per row.
  const okAgencies = new Map(agencies.filter((x) => x.row > 0 && !badRows.has(x.row)).map((x) => [x.code, x]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const x of Array.from(okAgencies.values())) {
      if (x.parentCode && !okAgencies.has(x.parentCode) && !existingByCode.has(x.parentCode)) {
        okAgencies.delete(x.code);
        if (!badRows.has(x.row)) say(AGENCY_SHEET.name, x.row, `上级单位「${x.parentCode}」（第 ${fileCodes.get(x.parentCode) ?? "?"} 行）有问题，本行无法导入`);
        changed = true;
      }
    }
  }

  // ---- users
  const users: UserRow[] = [];
  const u = sheets.get("users");
  if (u) {
    const S = u.sheet.name;
    if (u.rows.length > LIMITS.maxRows) say(S, 0, `「用户」表有 ${u.rows.length} 行，超过上限 ${LIMITS.maxRows} 行，请分批导入`);
    const fileLogins = new Map<string, number>();
    for (const r of u.rows.slice(0, LIMITS.maxRows)) {
      const login = cell(u, r, "login").toLowerCase();
      const displayName = cell(u, r, "displayName");
      const roleWord = cell(u, r, "role");
      const agencyCode = cell(u, r, "agency").toLowerCase();
      const before = problems.length;
      if (!login) say(S, r.row, "缺少用户名");
      else if (!LOGIN.test(login)) say(S, r.row, `用户名「${login.slice(0, 40)}」格式不对：${LOGIN_RULE}`);
      else if (existing.logins.has(login)) say(S, r.row, `用户名「${login}」在系统中已存在`);
      else if (fileLogins.has(login)) say(S, r.row, `用户名「${login}」与第 ${fileLogins.get(login)} 行重复`);
      if (login && !fileLogins.has(login)) fileLogins.set(login, r.row);
      if (!displayName) say(S, r.row, "缺少姓名");
      else if (displayName.length > 40) say(S, r.row, "姓名不能超过 40 个字");
      const role = ROLE_BY_WORD.get(roleWord) ?? ROLE_BY_WORD.get(roleWord.toLowerCase());
      if (!roleWord) say(S, r.row, "缺少角色");
      else if (!role) say(S, r.row, `角色「${roleWord.slice(0, 20)}」无效：须为填报人、审核人、主管部门或系统管理员`);
      if (!agencyCode) {
        if (role && role !== "admin") say(S, r.row, `缺少所属单位代码（${ROLE_LABELS[role]}必须属于一个单位）`);
      } else if (fileCodes.has(agencyCode)) {
        if (!okAgencies.has(agencyCode)) say(S, r.row, `所属单位「${agencyCode}」（单位表第 ${fileCodes.get(agencyCode)} 行）有问题，本行无法导入`);
      } else {
        const ex = existingByCode.get(agencyCode);
        if (!ex) say(S, r.row, `所属单位代码「${agencyCode.slice(0, 40)}」不存在：既不在单位表中，也不是系统中已有的单位`);
        else if (!ex.active) say(S, r.row, `所属单位「${ex.name}」已停用`);
      }
      if (problems.length === before && role) users.push({ row: r.row, login, displayName, role, agencyCode: agencyCode || null });
    }
  }

  // Parents before children: order the agencies to create by depth within the file.
  const depth = new Map<string, number>();
  const depthOf = (x: AgencyRow): number => {
    let d = 0;
    let cur: AgencyRow | undefined = x;
    const seen = new Set<string>();
    while (cur?.parentCode && okAgencies.has(cur.parentCode) && !seen.has(cur.code)) {
      seen.add(cur.code);
      const known = depth.get(cur.parentCode);
      if (known !== undefined) return d + 1 + known;
      d++;
      cur = okAgencies.get(cur.parentCode);
    }
    return d;
  };
  const ordered = [...okAgencies.values()];
  for (const x of ordered) depth.set(x.code, depthOf(x));
  ordered.sort((p, q) => depth.get(p.code)! - depth.get(q.code)! || p.row - q.row);

  problems.sort((p, q) => (p.sheet === q.sheet ? p.row - q.row : p.sheet === "文件" ? -1 : q.sheet === "文件" ? 1 : p.sheet === AGENCY_SHEET.name ? -1 : 1));
  return { agencies: ordered, users, problems };
}
