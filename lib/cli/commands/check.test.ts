// `nianbao check --previous`: last year's JSON result compared agency by agency (score, findings
// new/fixed/persisting) in the JSON output; a wrong file is a Chinese error, not a crash.
import { describe, expect, it } from "vitest";
import { plantedFiles } from "../../quality/testing/generate";
import { EXIT } from "../io";
import { checkCommand } from "./check";

async function run(args: string[], files: Record<string, Uint8Array | string>) {
  let out = "";
  let err = "";
  const io = {
    stdout: (t: string) => void (out += t),
    stderr: (t: string) => void (err += t),
    readFile: async (p: string) => {
      const v = files[p];
      if (v === undefined) throw Object.assign(new Error("missing"), { code: "ENOENT" });
      return typeof v === "string" ? v : new TextDecoder().decode(v);
    },
    readBytes: async (p: string) => {
      const v = files[p];
      if (v === undefined) throw Object.assign(new Error("missing"), { code: "ENOENT" });
      return typeof v === "string" ? new TextEncoder().encode(v) : v;
    },
  };
  const code = await checkCommand.run(args, io);
  return { code, out, err };
}

describe("nianbao check --previous", { timeout: 60_000 }, () => {
  it("compares each agency with last year's result", async () => {
    const { files } = await plantedFiles();
    const fs = Object.fromEntries(files.map((f) => [f.name, f.bytes]));
    const names = files.map((f) => f.name);
    const first = await run([...names, "--year", "2024", "--json"], fs);
    expect(first.code).toBe(EXIT.reportHasErrors);
    const now = JSON.parse(first.out) as { items: { agency: string; score: number; findings: { rule: string; cell?: string }[] }[] };
    // Last year: 应急管理局 had a late date too (since fixed), and a score of 70.
    const last = {
      ...now,
      year: 2023,
      items: now.items.map((i) =>
        i.agency === "示范市应急管理局" ? { ...i, score: 70, findings: [...i.findings, { rule: "publication.late", kind: "timeliness", severity: "error", message: "成文日期为2024年2月1日，晚于法定期限2024年1月31日", cell: "meta.date" }] } : i,
      ),
    };
    const second = await run([...names, "--year", "2024", "--json", "--previous", "last.json"], { ...fs, "last.json": JSON.stringify(last) });
    const items = (JSON.parse(second.out) as { items: { agency: string; score: number; previous?: { previousScore: number; delta: number; new: unknown[]; fixed: { rule: string }[]; persisting: { rule: string }[] } }[] }).items;
    const yingji = items.find((i) => i.agency === "示范市应急管理局")!;
    expect(yingji.previous).toMatchObject({ year: 2023, previousScore: 70, delta: yingji.score - 70, new: [] });
    expect(yingji.previous!.fixed.map((f) => f.rule)).toEqual(["publication.late"]);
    expect(yingji.previous!.persisting.map((f) => f.rule)).toEqual(["appeals.total"]);
    for (const i of items) expect(i.previous).toBeDefined();
    const text = await run([...names, "--year", "2024", "--previous", "last.json"], { ...fs, "last.json": JSON.stringify(last) });
    expect(text.out).toContain(`示范市应急管理局（应急管理局2024年政府信息公开工作年度报告.docx）得分 ${yingji.score}（上年 70 分，+${yingji.score - 70}；新增 0，已整改 1，仍存在 1）`);
  });

  it("refuses a file that is not last year's result, in Chinese", async () => {
    const { files } = await plantedFiles();
    const fs: Record<string, Uint8Array | string> = { [files[0]!.name]: files[0]!.bytes, "bad.json": "{", "old.json": JSON.stringify({ format: "nianbao/quality@1", year: 2021, items: [] }) };
    expect(await run([files[0]!.name, "--year", "2024", "--previous", "bad.json"], fs)).toMatchObject({ code: EXIT.unusableInput, err: "nianbao check：上一年度的检查结果：不是有效的 JSON\n" });
    expect(await run([files[0]!.name, "--year", "2024", "--previous", "old.json"], fs)).toMatchObject({ code: EXIT.unusableInput, err: "nianbao check：上一年度的检查结果：是 2021 年度的检查结果，应为 2023 年度\n" });
    expect((await run([files[0]!.name, "--year", "2024", "--previous", "none.json"], fs)).code).toBe(EXIT.unusableInput);
  });
});
