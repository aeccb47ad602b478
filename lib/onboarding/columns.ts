// The onboarding template (批量导入单位和用户) as data: its two sheets and their columns. The
// downloadable template, the reader and the messages all derive from this one definition.

export type SheetKind = "agencies" | "users";

export interface ColumnDef {
  key: string;
  header: string;
  required: boolean;
  hint: string;
}

export interface SheetDef {
  kind: SheetKind;
  /** Sheet name in the .xlsx and the word used in messages. */
  name: string;
  columns: readonly ColumnDef[];
}

export const AGENCY_SHEET: SheetDef = {
  kind: "agencies",
  name: "单位",
  columns: [
    { key: "name", header: "单位名称", required: true, hint: "2–60 个字，不能与已有单位重名，如「示范县应急管理局」" },
    { key: "code", header: "单位代码", required: true, hint: "2–32 位小写字母、数字或连字符，用于公开网址，如「sfxyjj」" },
    { key: "parent", header: "上级单位代码", required: false, hint: "政务公开主管部门的单位代码（本表中或系统中已有的单位）；最上级单位留空" },
  ],
};

export const USER_SHEET: SheetDef = {
  kind: "users",
  name: "用户",
  columns: [
    { key: "login", header: "用户名", required: true, hint: "3–32 位小写字母、数字、点、下划线或连字符，登录时使用" },
    { key: "displayName", header: "姓名", required: true, hint: "1–40 个字" },
    { key: "role", header: "角色", required: true, hint: "填报人、审核人、主管部门或系统管理员" },
    { key: "agency", header: "所属单位代码", required: false, hint: "本表「单位」中或系统中已有的单位代码；系统管理员可留空" },
  ],
};

export const SHEETS: readonly SheetDef[] = [AGENCY_SHEET, USER_SHEET];

/** Limits on an upload: bytes, data rows per sheet, characters per cell. */
export const LIMITS = { maxBytes: 900_000, maxRows: 5_000, maxCellChars: 200, maxColumns: 12 } as const;

/** A header as typed: 「单位名称*」「单位名称（必填）」 → 「单位名称」. */
export function normalizeHeader(h: string): string {
  return h.replace(/[（(][^）)]*[）)]/g, "").replace(/[\s*＊:：]/g, "");
}

/** Which sheet a header row belongs to: every required column of exactly one sheet present. */
export function sheetOfHeader(headers: readonly string[]): SheetDef | null {
  const set = new Set(headers.map(normalizeHeader));
  const fits = SHEETS.filter((s) => s.columns.filter((c) => c.required).every((c) => set.has(c.header)));
  return fits.length === 1 ? fits[0]! : null;
}
