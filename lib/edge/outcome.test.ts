import { describe, expect, it } from "vitest";
import { BUSY_MESSAGE } from "@/lib/auth/busy";
import { FAILURE_KINDS, FAILURE_TABLE, FailureError, fail, isFailure, refused, toActionResult, toHttp } from "./outcome";
import { idParams, positiveId, safeInteger } from "./params";

describe("the failure table", () => {
  it("maps every kind to its HTTP status", () => {
    const expected: Record<string, number> = { bad_request: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, too_large: 413, invalid: 422, locked: 423, storage: 503, busy: 503, refused: 409 };
    for (const kind of FAILURE_KINDS) {
      expect(toHttp(fail(kind)).status, kind).toBe(expected[kind]);
      expect(toHttp(fail(kind)).body, kind).toEqual({ ok: false, code: kind, error: FAILURE_TABLE[kind].message });
    }
    expect(Object.keys(expected).sort()).toEqual([...FAILURE_KINDS].sort());
  });

  it("has a Chinese default message for every kind", () => {
    for (const kind of FAILURE_KINDS) expect(FAILURE_TABLE[kind].message, kind).toMatch(/[\u4e00-\u9fff]/);
  });

  it("answers JSON that is never cached, busy with Retry-After and the busy message", () => {
    const busy = toHttp(fail("busy"));
    expect(busy.headers).toEqual({ "cache-control": "no-store", "retry-after": "2" });
    expect(busy.body.error).toBe(BUSY_MESSAGE);
    expect(toHttp(fail("locked")).headers).toEqual({ "cache-control": "no-store" });
  });

  it("lets the message, the route's wording, the code, the status and extra fields override the table", () => {
    expect(toHttp(fail("not_found"), { not_found: "年报不存在" }).body.error).toBe("年报不存在");
    expect(toHttp(fail("not_found", "意见不存在"), { not_found: "年报不存在" }).body.error).toBe("意见不存在");
    const conflict = toHttp(fail("conflict", "该年报已被王敏修改（第 3 版）", { details: { current: { version: 3 } } }));
    expect(conflict).toMatchObject({ status: 409, body: { ok: false, code: "conflict", error: "该年报已被王敏修改（第 3 版）", current: { version: 3 } } });
    expect(toHttp(fail("invalid", "版次不符", { code: "mismatch" })).body.code).toBe("mismatch");
    expect(toHttp(fail("bad_request", "格式只能是 docx 或 html", { code: "bad_format" }))).toMatchObject({ status: 400, body: { code: "bad_format" } });
  });

  it("keeps a data-layer refusal's own status, with code refused", () => {
    for (const status of [403, 404, 409, 422]) {
      const h = toHttp(refused({ status, reason: "只有审核人可以退回" }, { changes: ["表二 第 1 行"] }));
      expect(h.status).toBe(status);
      expect(h.body).toEqual({ ok: false, code: "refused", error: "只有审核人可以退回", changes: ["表二 第 1 行"] });
    }
  });

  it("becomes a server action's { ok: false, error }", () => {
    expect(toActionResult(fail("forbidden"))).toEqual({ ok: false, error: "无权访问" });
    expect(toActionResult(fail("not_found"), { not_found: "用户不存在" })).toEqual({ ok: false, error: "用户不存在" });
    expect(toActionResult(refused({ status: 409, reason: "不能停用自己的账号" }))).toEqual({ ok: false, error: "不能停用自己的账号" });
  });

  it("tells a failure from a success body or a data-layer result", () => {
    expect(isFailure(fail("locked"))).toBe(true);
    expect(isFailure(new FailureError(fail("locked")).failure)).toBe(true);
    expect(isFailure({ ok: true, version: 2 })).toBe(false);
    expect(isFailure({ ok: false, error: "用户不存在" })).toBe(false);
    expect(isFailure({ ok: false, kind: "nonsense" })).toBe(false);
    expect(isFailure(null)).toBe(false);
  });
});

describe("URL parameters", () => {
  it("accepts a positive safe integer id and nothing else", () => {
    expect(idParams.parse({ id: "42" })).toEqual({ id: 42 });
    for (const bad of ["0", "-1", "1.5", "abc", "", "9007199254740993", "Infinity", "1e400"]) expect(positiveId.safeParse(bad).success, bad).toBe(false);
  });

  it("safeInteger leaves the range to the data layer but refuses non-integers", () => {
    expect(safeInteger.parse("0")).toBe(0);
    expect(safeInteger.parse("-3")).toBe(-3);
    expect(safeInteger.safeParse("x").success).toBe(false);
    expect(safeInteger.safeParse("2.5").success).toBe(false);
  });
});
