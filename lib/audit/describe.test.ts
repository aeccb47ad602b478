import { describe, expect, it } from "vitest";
import { emptyReport, withCell } from "../data";
import { makeDelta, textHash } from "./delta";
import { describeAudit, describeTrail, eventName, knownEvents } from "./describe";

const base = emptyReport(2024, "示范市应急管理局");

function saveRow(id: number, prev: unknown, next: unknown, version: number, at: number, actorId = 7) {
  const a = JSON.stringify(prev);
  const b = JSON.stringify(next);
  return { id, at: new Date(at), action: "report.save", actorId, actorName: "张三", entityType: "report", entityId: 2, before: null, after: JSON.stringify({ version, base: version - 1, hash: textHash(b), ops: makeDelta(a, b) }) };
}

describe("describeAudit", () => {
  it("names workflow steps and account events in Chinese, never the stored code", () => {
    expect(eventName("report.publish")).toBe("发布");
    expect(eventName("report.return")).toBe("退回修改");
    expect(eventName("user.password_reset")).toBe("重置密码");
    expect(eventName("something.new")).toBe("其他操作");
    for (const [action, name] of knownEvents()) {
      expect(name, action).toMatch(/\p{Script=Han}/u);
      expect(name).not.toContain(".");
    }
  });

  it("a save of one cell reads 「保存：表三「…」行「自然人」列 40 → 46」", () => {
    const v1 = withCell(base, "applications.received.natural" as never, 40);
    const v2 = withCell(v1, "applications.received.natural" as never, 46);
    const d = describeAudit(saveRow(1, v1, v2, 3, 0), { edition: "2021" });
    expect(d.event).toBe("保存");
    expect(d.headline).toBe("保存：表三「一、本年新收政府信息公开申请数量」行「自然人」列 40 → 46");
    expect(d.details).toEqual(["表三「一、本年新收政府信息公开申请数量」行「自然人」列 40 → 46"]);
  });

  it("a run of one user's autosaves is one entry with the net change by label; a cell typed and put back is no change", () => {
    const v1 = withCell(base, "applications.received.natural" as never, 40);
    const v2 = withCell(v1, "applications.received.natural" as never, 41);
    const v3 = withCell(v2, "applications.received.natural" as never, 46);
    const v4 = withCell(v3, "proactive.regulations.issued" as never, 3);
    const v5 = withCell(v4, "proactive.regulations.issued" as never, null);
    const rows = [saveRow(4, v4, v5, 5, 4000), saveRow(3, v3, v4, 4, 3000), saveRow(2, v2, v3, 3, 2000), saveRow(1, v1, v2, 2, 1000)];
    const trail = describeTrail(rows, () => ({ edition: "2021" }));
    expect(trail).toHaveLength(1);
    expect(trail[0]!.headline).toBe("保存：表三「一、本年新收政府信息公开申请数量」行「自然人」列 40 → 46");
    expect(trail[0]!.details).toEqual(["连续自动保存 4 次", "表三「一、本年新收政府信息公开申请数量」行「自然人」列 40 → 46"]);
  });

  it("a narrative edit names its section heading; a transition shows states and comment, not JSON", () => {
    const v2 = { ...base, narrative: { ...base.narrative, overview: "本年度，我局认真贯彻落实《政府信息公开条例》，主动公开政府信息一百余条，依申请公开办理及时。" } };
    const d = describeAudit(saveRow(1, base, v2, 2, 0), { edition: "2021" });
    expect(d.headline).toMatch(/^保存：一、总体情况：增加 \d+ 字$/);
    const t = describeAudit({ id: 9, at: new Date(), action: "report.return", actorId: 1, actorName: "李四", entityType: "report", before: JSON.stringify({ status: "submitted", version: 5 }), after: JSON.stringify({ status: "returned", version: 5, snapshotId: 3, contentHash: "ab", comment: "表三数字有误" }) }, { edition: "2021" });
    expect(t).toEqual({ event: "退回修改", headline: "退回修改", details: ["状态：待审核 → 已退回", "第 5 版", "退回意见：表三数字有误"] });
    for (const line of [t.headline, ...t.details]) expect(line).not.toMatch(/[{}"]/);
  });

  it("account edits list each changed field in Chinese; unreadable data is named, not dumped", () => {
    const u = describeAudit({ id: 1, at: new Date(), action: "user.update", actorId: 1, actorName: "管理员", entityType: "user", before: JSON.stringify({ displayName: "王五", role: "drafter", agencyName: "甲局" }), after: JSON.stringify({ displayName: "王五", role: "reviewer", agencyName: "乙局" }) });
    expect(u.details).toEqual(["角色：填报人 → 审核人", "所属单位：甲局 → 乙局"]);
    const broken = describeAudit({ id: 2, at: new Date(), action: "report.save", actorId: 1, actorName: null, entityType: "report", before: "{not json", after: "[1,2" });
    expect(broken).toEqual({ event: "保存", headline: "保存", details: [] });
  });
});

describe("computed totals", () => {
  it("a typed cell heads the entry; the total that followed is listed after it, marked as computed", () => {
    const v1 = withCell(base, "applications.received.natural" as never, 24);
    const v1b = { ...v1, tables: { ...v1.tables, applications: { ...v1.tables.applications, received: { ...v1.tables.applications.received, total: 32 } } } };
    const v2 = withCell(v1b, "applications.received.natural" as never, 30);
    const v2b = { ...v2, tables: { ...v2.tables, applications: { ...v2.tables.applications, received: { ...v2.tables.applications.received, total: 38 } } } };
    const d = describeAudit(saveRow(1, v1b, v2b, 3, 0), { edition: "2021" });
    expect(d.headline).toBe("保存：表三「一、本年新收政府信息公开申请数量」行「自然人」列 24 → 30");
    expect(d.details).toEqual(["表三「一、本年新收政府信息公开申请数量」行「自然人」列 24 → 30", "表三「一、本年新收政府信息公开申请数量」行「总计」列 32 → 38（自动计算）"]);
  });
});

describe("filtered selections", () => {
  it("saves adjacent only because a filter hid the step between them are not merged", () => {
    const v1 = withCell(base, "applications.received.natural" as never, 24);
    const v2 = withCell(v1, "applications.received.natural" as never, 30);
    const rows = [saveRow(3, v1, v2, 3, 2000), saveRow(1, base, v1, 2, 1000)];
    expect(describeTrail(rows, () => ({ edition: "2021" }))).toHaveLength(1);
    const separate = describeTrail(rows, () => ({ edition: "2021" }), { coalesce: false });
    expect(separate.map((d) => d.headline)).toEqual(["保存：表三「一、本年新收政府信息公开申请数量」行「自然人」列 24 → 30", "保存：表三「一、本年新收政府信息公开申请数量」行「自然人」列 空白 → 24"]);
  });
});
