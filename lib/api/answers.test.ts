import { describe, expect, it } from "vitest";
import { emptyReport } from "@/lib/data";
import { completenessGaps } from "@/lib/rules/completeness";
import { validateReport } from "@/lib/rules/engine";
import { apiError, importRefusal, importResponse, readAnswer, saveConflict, saveResponse, transitionDone, transitionPreview, transitionRefusal } from "./answers";
import { arrayOf, either, lit, nullable, num, object, oneOf, optional, positiveInt, str } from "./check";
import { saveRequest, transitionRequest } from "./requests";

const doc = emptyReport(2024, "示范市应急管理局");
const validation = validateReport(doc);

describe("autosave contract", () => {
  it("reads the server's saved answer, typed, and keeps fields a newer server adds", () => {
    const body = { ok: true, version: 4, updatedAt: "2026-12-04T08:00:00.000Z", unchanged: false, validation, addedLater: 1 };
    const saved = readAnswer(saveResponse, JSON.parse(JSON.stringify(body)));
    expect(saved?.version).toBe(4);
    expect(saved?.validation.issues.length).toBe(validation.issues.length);
    expect(saved).toMatchObject({ addedLater: 1 });
  });

  it("rejects a malformed saved answer instead of trusting it", () => {
    const good = { ok: true, version: 4, updatedAt: "x", unchanged: false, validation };
    expect(readAnswer(saveResponse, good)).not.toBeNull();
    expect(readAnswer(saveResponse, {})).toBeNull();
    expect(readAnswer(saveResponse, "<html>502 Bad Gateway</html>")).toBeNull();
    expect(readAnswer(saveResponse, { ...good, version: "4" })).toBeNull();
    expect(readAnswer(saveResponse, { ...good, version: 0 })).toBeNull();
    expect(readAnswer(saveResponse, { ...good, ok: false })).toBeNull();
    expect(readAnswer(saveResponse, { ...good, validation: { ok: true, errors: 0, warnings: 0 } })).toBeNull();
    expect(readAnswer(saveResponse, { ...good, validation: { ...validation, issues: [{ rule: "x", severity: "fatal", cell: "", cells: [], message: "" }] } })).toBeNull();
  });

  it("reads a conflict with the newer version, and rejects one without the document", () => {
    const current = { version: 7, updatedAt: "2026-12-04T08:00:00.000Z", updatedByName: "王敏", byYou: false, data: doc };
    const body = { ok: false, code: "conflict", error: "该年报已被王敏修改（第 7 版），此处的修改尚未保存", current };
    expect(readAnswer(saveConflict, JSON.parse(JSON.stringify(body)))?.current.data.year).toBe(2024);
    expect(readAnswer(saveConflict, { ...body, current: { ...current, data: null } })).toBeNull();
    expect(readAnswer(saveConflict, { ...body, current: { ...current, data: { year: 2024 } } })).toBeNull();
    expect(readAnswer(saveConflict, { ...body, code: "locked" })).toBeNull();
  });

  it("is the request the server accepts: a positive integer version and any data (checked by parseReport)", () => {
    expect(saveRequest.safeParse({ version: 1, data: doc }).success).toBe(true);
    for (const bad of [{ data: doc }, { version: 0, data: doc }, { version: 1.5, data: doc }, { version: "1", data: doc }, [], null]) expect(saveRequest.safeParse(bad).success).toBe(false);
  });

  it("reads every refusal's Chinese error, with or without a code", () => {
    expect(readAnswer(apiError, { ok: false, error: "未登录或登录已过期，请重新登录" })?.error).toMatch(/未登录/);
    expect(readAnswer(apiError, { ok: false, code: "locked", error: "已提交审核，不能修改" })?.code).toBe("locked");
    expect(readAnswer(apiError, { ok: false })).toBeNull();
    expect(readAnswer(apiError, { error: 42 })).toBeNull();
  });
});

describe("transition contract", () => {
  it("accepts the panel's requests and bounds every field", () => {
    expect(transitionRequest.safeParse({ action: "submit", acknowledgements: { "rule|cell": "原因说明" } }).success).toBe(true);
    expect(transitionRequest.safeParse({ action: "return", comments: [{ anchor: "report", body: "请补充" }] }).success).toBe(true);
    expect(transitionRequest.safeParse({ action: "approve", version: 3, preview: true }).success).toBe(true);
    expect(transitionRequest.safeParse({ action: "delete" }).success).toBe(false);
    expect(transitionRequest.safeParse({ action: "return", comment: "x".repeat(5001) }).success).toBe(false);
    expect(transitionRequest.safeParse({ action: "return", comments: Array.from({ length: 101 }, () => ({ anchor: "report", body: "x" })) }).success).toBe(false);
    expect(transitionRequest.safeParse({ action: "submit", acknowledgements: { ["k".repeat(301)]: "x" } }).success).toBe(false);
    expect(transitionRequest.safeParse({ action: "approve", version: -1 }).success).toBe(false);
  });

  it("reads a preview, a done step and a refusal; rejects malformed ones", () => {
    const preview = { ok: true, action: "submit", version: 3, incomplete: completenessGaps(doc), errors: 0, warnings: [{ key: "r|c", rule: "r", cell: "c", message: "提示", reason: "", confirmed: "" }] };
    expect(readAnswer(transitionPreview, JSON.parse(JSON.stringify(preview)))?.incomplete.length).toBeGreaterThan(0);
    expect(readAnswer(transitionPreview, { ...preview, warnings: [{ key: "r|c" }] })).toBeNull();
    expect(readAnswer(transitionPreview, { ...preview, incomplete: [{ kind: "cell" }] })).toBeNull();
    expect(readAnswer(transitionPreview, { ...preview, action: "explode" })).toBeNull();
    expect(readAnswer(transitionDone, { ok: true, status: "submitted", snapshotId: 9, contentHash: "ab" })).not.toBeNull();
    expect(readAnswer(transitionDone, { ok: true, status: "submitted" })).toBeNull();
    const refusal = { ok: false, code: "refused", error: "年报还有未填写的内容", incomplete: completenessGaps(doc), changes: ["表二"], currentVersion: 5 };
    expect(readAnswer(transitionRefusal, refusal)?.changes).toEqual(["表二"]);
    expect(readAnswer(transitionRefusal, { ...refusal, changes: "表二" })).toBeNull();
  });
});

describe("import contract", () => {
  const notes = [{ code: "cell.unreadable", message: "表二第 3 行无法识别" }];
  it("reads a new report and a new archive, allowing fields the importer adds later", () => {
    expect(readAnswer(importResponse, { ok: true, type: "report", id: 3, year: 2023, edition: "2021", warnings: notes, unrecognized: [], pages: 4 })).toMatchObject({ type: "report", pages: 4 });
    expect(readAnswer(importResponse, { ok: true, type: "archive", id: 5, year: 2017, replaced: null, statutoryReportId: null, legacyReason: "旧式年报", warnings: [], unrecognized: notes })?.type).toBe("archive");
  });

  it("rejects an answer that is neither, and reads a refusal's code", () => {
    expect(readAnswer(importResponse, { ok: true, type: "report", id: 3, year: 2023, warnings: [], unrecognized: [] })).toBeNull();
    expect(readAnswer(importResponse, { ok: true, type: "archive", id: 5, year: 2017, warnings: [{}], unrecognized: [] })).toBeNull();
    expect(readAnswer(importResponse, { ok: true, type: "pdf", id: 1 })).toBeNull();
    expect(readAnswer(importRefusal, { ok: false, code: "exists", error: "该年度已有年报" })?.code).toBe("exists");
    expect(readAnswer(importRefusal, { ok: false, code: "unreadable", error: "无法识别", notes })?.notes).toHaveLength(1);
    expect(readAnswer(importRefusal, { ok: false, code: "unreadable", error: "无法识别", notes: [1] })).toBeNull();
  });
});

describe("the checks themselves", () => {
  it("check an object's fields loosely, optional ones only when present", () => {
    const c = object({ a: str, b: optional(num), c: nullable(positiveInt) });
    expect(c({ a: "x", c: null })).toBe(true);
    expect(c({ a: "x", b: 1, c: 2, extra: [] })).toBe(true);
    expect(c({ a: "x", b: "1", c: 2 })).toBe(false);
    expect(c({ a: "x", c: 0 })).toBe(false);
    expect(c({ b: 1, c: 1 })).toBe(false);
    expect(c([])).toBe(false);
    expect(c(null)).toBe(false);
  });

  it("check numbers, literals, lists and alternatives strictly", () => {
    expect(num(Number.NaN)).toBe(false);
    expect(num(Number.POSITIVE_INFINITY)).toBe(false);
    expect(positiveInt(2 ** 53)).toBe(false);
    expect(positiveInt(1.5)).toBe(false);
    expect(lit(true)(1)).toBe(false);
    expect(oneOf(["a", "b"] as const)("c")).toBe(false);
    expect(arrayOf(str)(["a", 1])).toBe(false);
    expect(arrayOf(str)([])).toBe(true);
    expect(either(str, num)(true)).toBe(false);
  });
});

describe("what the browser imports", () => {
  it("answers.ts and check.ts reach no zod (the editor's first load ships none)", async () => {
    const { readFileSync } = await import("node:fs");
    for (const f of ["answers.ts", "check.ts"]) {
      const src = readFileSync(new URL(`./${f}`, import.meta.url), "utf8");
      const imports = [...src.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]);
      expect(imports.filter((m) => m === "zod" || m!.startsWith("zod/") || m === "./requests"), f).toEqual([]);
    }
  });
});
