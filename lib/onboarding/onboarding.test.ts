import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AGENCY_SHEET, USER_SHEET } from "./columns";
import { decodeCsv, parseCsv } from "./csv";
import { readUpload } from "./read";
import { templateXlsx, toCsv } from "./template";
import { validateOnboarding, type ExistingState } from "./validate";

const existing: ExistingState = { agencies: [{ code: "sfszfb", name: "示范市人民政府办公室", active: true }, { code: "oldju", name: "已停用局", active: false }], logins: new Set(["admin", "yingji-drafter"]) };
const enc = (s: string) => new TextEncoder().encode(s);

/** A county: one office under the city office, `n - 1` bureaus under it, two users per bureau. */
function county(n: number) {
  const agencies = [["示范县人民政府办公室", "sfx-office", "sfszfb"], ...Array.from({ length: n - 1 }, (_, i) => [`示范县第${i + 1}局`, `sfx-${i + 1}`, "sfx-office"])];
  const users = agencies.slice(1).flatMap(([, code], i) => [
    [`${code}-tb`, `填报${i}`, "填报人", code!],
    [`${code}-sh`, `审核${i}`, "审核人", code!],
  ]);
  return { agencies, users };
}

function workbook(agencies: string[][], users: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet("单位");
  a.addRow(AGENCY_SHEET.columns.map((c) => `${c.header}${c.required ? "*" : ""}`));
  for (const r of agencies) a.addRow(r);
  const u = wb.addWorksheet("用户");
  u.addRow(USER_SHEET.columns.map((c) => c.header));
  for (const r of users) u.addRow(r);
  return wb.xlsx.writeBuffer().then((b) => Buffer.from(b));
}

describe("onboarding: read and validate", () => {
  it("2,000 agency rows and 3,998 user rows (.xlsx) are read and validated in bounded time, parents first", async () => {
    const { agencies, users } = county(2000);
    const bytes = await workbook(agencies, users);
    const t0 = performance.now();
    const read = readUpload([{ name: "县.xlsx", bytes }]);
    const t1 = performance.now();
    const plan = validateOnboarding(read.sheets, existing);
    const t2 = performance.now();
    console.log(`onboarding 2,000 agencies + 3,998 users (${Math.round(bytes.length / 1000)} KB .xlsx): read ${(t1 - t0).toFixed(0)} ms, validate ${(t2 - t1).toFixed(0)} ms`);
    expect(read.problems).toEqual([]);
    expect(plan.problems).toEqual([]);
    expect(plan.agencies).toHaveLength(2000);
    expect(plan.users).toHaveLength(3998);
    expect(plan.agencies[0]).toMatchObject({ code: "sfx-office", parentCode: "sfszfb" });
    expect(t2 - t0).toBeLessThan(3000);
  });

  it("lists every row's problem in Chinese with its row number, and creates nothing from a bad chain", () => {
    const csvA = toCsv("agencies", [
      ["甲局", "jia", ""], // row 2 fine
      ["甲局", "jia2", ""], // 3 duplicate name
      ["乙局", "JIA", ""], // 4 duplicate code (case-insensitive)
      ["丙局", "bing", "nosuch"], // 5 unknown parent
      ["丁局", "ding", "wu"], // 6 cycle ding → wu → ding
      ["戊局", "wu", "ding"], // 7
      ["己局", "ji", "ding"], // 8 parent on a cycle
      ["庚局", "bad code!", ""], // 9 bad code
      ["示范市人民政府办公室", "sfszfb", ""], // 10 exists
      ["辛局", "xin", "oldju"], // 11 disabled parent
      ["", "", ""], // 12 blank: skipped
      ["壬", "ren", "ren"], // 13 short name, self parent
    ]);
    const csvU = toCsv("users", [
      ["jia-tb", "张三", "填报人", "jia"], // 2 fine
      ["jia-tb", "张三", "填报人", "jia"], // 3 duplicate
      ["Admin", "管理", "系统管理员", ""], // 4 exists (case-insensitive)
      ["x1", "短", "填报人", "jia"], // 5 login too short
      ["bing-tb", "李四", "填表人", "bing"], // 6 bad role, agency with problems
      ["nobody", "王五", "审核人", ""], // 7 no agency
      ["admin2", "赵六", "系统管理员", ""], // 8 fine: admin without agency
      ["far", "钱七", "reviewer", "zzz"], // 9 unknown agency
    ]);
    const read = readUpload([
      { name: "单位.csv", bytes: enc(csvA) },
      { name: "用户.csv", bytes: enc(csvU) },
    ]);
    expect(read.problems).toEqual([]);
    const plan = validateOnboarding(read.sheets, existing);
    const lines = plan.problems.map((p) => `${p.sheet}${p.row}:${p.message}`);
    expect(lines).toEqual([
      "单位3:单位名称「甲局」与第 2 行重复",
      "单位4:单位代码「jia」与第 2 行重复",
      "单位5:上级单位代码「nosuch」不存在：既不在本表中，也不是系统中已有的单位",
      "单位6:上下级关系成环：ding → wu → ding",
      "单位7:上下级关系成环：ding → wu → ding",
      "单位8:上级单位「ding」（第 6 行）有问题，本行无法导入",
      "单位9:单位代码「bad code!」格式不对：须为 2–32 位小写字母、数字或连字符",
      "单位10:单位名称「示范市人民政府办公室」在系统中已存在",
      "单位10:单位代码「sfszfb」在系统中已存在（示范市人民政府办公室）",
      "单位11:上级单位「已停用局」已停用",
      "单位13:单位名称「壬」须为 2–60 个字",
      "用户3:用户名「jia-tb」与第 2 行重复",
      "用户4:用户名「admin」在系统中已存在",
      "用户5:用户名「x1」格式不对：须为 3–32 位小写字母、数字、点、下划线或连字符",
      "用户6:角色「填表人」无效：须为填报人、审核人、主管部门或系统管理员",
      "用户6:所属单位「bing」（单位表第 5 行）有问题，本行无法导入",
      "用户7:缺少所属单位代码（审核人必须属于一个单位）",
      "用户9:所属单位代码「zzz」不存在：既不在单位表中，也不是系统中已有的单位",
    ]);
    expect(plan.agencies.map((a) => a.code)).toEqual(["jia"]);
    expect(plan.users.map((u) => u.login)).toEqual(["jia-tb", "admin2"]);
  });

  it("self-parent rows are refused; the downloaded template reads back as empty sheets, with no problem", async () => {
    const plan = validateOnboarding([{ source: "a.csv", rows: parseCsv(toCsv("agencies", [["示范乡", "xiang", "xiang"]]).slice(1), { maxRows: 10, maxColumns: 10 }) }], existing);
    expect(plan.problems.map((p) => p.message)).toContain("上级单位代码「xiang」是本单位自己");
    const t = readUpload([{ name: "模板.xlsx", bytes: await templateXlsx() }]);
    expect(t.problems).toEqual([]);
    const p = validateOnboarding(t.sheets, existing);
    expect(p).toEqual({ agencies: [], users: [], problems: [] });
  });

  it("reads CSV as Chinese Excel saves it (GB18030), with quotes, CRLF and a BOM", () => {
    // 「单位名称,单位代码」 + a row, encoded as GBK bytes.
    const gbk = new Uint8Array([0xb5, 0xa5, 0xce, 0xbb, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xb5, 0xa5, 0xce, 0xbb, 0xb4, 0xfa, 0xc2, 0xeb, 0x0d, 0x0a]);
    expect(decodeCsv(gbk)).toBe("单位名称,单位代码\r\n");
    expect(parseCsv('\ufeffa,"b,c","d ""e"""\r\n"f\ng",h', { maxRows: 10, maxColumns: 10 })).toEqual([["\ufeffa", "b,c", 'd "e"'], ["f\ng", "h"]]);
    expect(() => parseCsv('a,"b', { maxRows: 10, maxColumns: 10 })).toThrow("第 1 行有未闭合的引号");
  });

  it("bounds the upload: size, rows, damaged and old-format files are refused in Chinese", async () => {
    expect(readUpload([{ name: "a.csv", bytes: new Uint8Array(1_000_000) }]).problems[0]!.message).toMatch(/^文件过大/);
    const many = toCsv("agencies", Array.from({ length: 5001 }, (_, i) => [`局${i}`, `c${i}`, ""]));
    expect(readUpload([{ name: "a.csv", bytes: enc(many) }]).problems[0]!.message).toMatch(/行数超过上限 5000 行/);
    expect(readUpload([{ name: "a.xlsx", bytes: enc("PK not a zip") }]).problems[0]!.message).toMatch(/无法读取该 Excel 文件/);
    expect(readUpload([{ name: "a.xls", bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) }]).problems[0]!.message).toMatch(/旧版 Excel/);
    expect(readUpload([{ name: "a.docx", bytes: enc("x") }]).problems[0]!.message).toMatch(/不是 .xlsx 或 .csv 文件/);
    const unknown = validateOnboarding([{ source: "x.csv", rows: [["名称", "代码"]] }], existing);
    expect(unknown.problems[0]!.message).toMatch(/不是模板的表头/);
  });
});
