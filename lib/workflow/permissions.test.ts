// The permission table's key facts, one readable case each. The full matrices live in
// ./transitions.test.ts (written out independently of the table), db/workflow-authorization.test.ts
// (the data layer behaves as the table says) and e2e/authorization-matrix.e2e.ts (the HTTP edge).
import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/access";
import { ROLE_IDS, type RoleId } from "../auth/roles";
import { CAPABILITIES, PERMISSIONS, RELATIONS, can, check, may, relationTo, roleMay, seesOwnAgencyOnly, type Capability } from "./permissions";
import { REPORT_STATUS_LABELS, type ReportStatusId } from "./status";
import { TRANSITIONS } from "./transitions";

const STATES = Object.keys(REPORT_STATUS_LABELS) as ReportStatusId[];
// 市政府办公室 (1) supervises 应急局 (2) and 生态环境局 (3); 应急局 has a 下属单位 (4).
const h = new Map<number, number | null>([
  [1, null],
  [2, 1],
  [3, 1],
  [4, 2],
]);
const actor = (role: RoleId, agencyId: number | null): Actor => ({ id: 7, role, agencyId });

/** Every (role, relation, state) in which `capability` holds. */
function holders(capability: Capability): string[] {
  const out: string[] = [];
  for (const role of ROLE_IDS) for (const relation of RELATIONS) for (const status of STATES) if (can(capability, { role, relation, status })) out.push(`${role}/${relation}/${status}`);
  return out;
}

describe("关系：用户与年报所属单位", () => {
  it("本单位、下级单位（严格在下）与其他单位", () => {
    expect(relationTo(actor("drafter", 2), 2, h)).toBe("own");
    expect(relationTo(actor("supervisor", 1), 2, h)).toBe("supervised");
    expect(relationTo(actor("supervisor", 1), 4, h)).toBe("supervised"); // 下级的下级
    expect(relationTo(actor("drafter", 2), 3, h)).toBe("other"); // 平级单位
    expect(relationTo(actor("drafter", 2), 1, h)).toBe("other"); // 上级单位不是"下级"
    expect(relationTo(actor("admin", null), 2, h)).toBe("other"); // 管理员不属于任何单位
  });
});

describe("权限表的要点", () => {
  it("其他单位的填报人看不到年报，也不能修改", () => {
    for (const status of STATES) {
      expect(can("view", { role: "drafter", relation: "other", status })).toBe(false);
      expect(can("edit", { role: "drafter", relation: "other", status })).toBe(false);
    }
    expect(may("view", actor("drafter", 3), { agencyId: 2, status: "draft" }, h)).toBe(false);
  });

  it("上级主管部门可以查看下级单位的年报，但不能修改", () => {
    for (const status of STATES) {
      expect(can("view", { role: "supervisor", relation: "supervised", status })).toBe(true);
      expect(can("edit", { role: "supervisor", relation: "supervised", status })).toBe(false);
    }
    expect(may("view", actor("supervisor", 1), { agencyId: 4, status: "published" }, h)).toBe(true);
    expect(may("view", actor("supervisor", 2), { agencyId: 3, status: "published" }, h)).toBe(false);
  });

  it("谁都不能修改已发布的年报（更正须先创建更正版本）", () => {
    for (const role of ROLE_IDS) for (const relation of RELATIONS) expect(can("edit", { role, relation, status: "published" })).toBe(false);
    expect(check("edit", { role: "drafter", relation: "own", status: "published" })).toEqual({ ok: false, why: "state" });
    expect(can("revise", { role: "drafter", relation: "own", status: "published" })).toBe(true);
  });

  it("只有本单位填报人在草稿或已退回时可以修改", () => {
    expect(holders("edit")).toEqual(["drafter/own/draft", "drafter/own/returned"]);
  });

  it("本单位审核人只在审核期间确认警告", () => {
    expect(holders("confirmWarning")).toEqual(["reviewer/own/submitted"]);
  });

  it("审核意见由本单位的填报人或审核人处理，主管部门和管理员不处理", () => {
    expect(can("resolveComment", { role: "drafter", relation: "own", status: "returned" })).toBe(true);
    expect(can("resolveComment", { role: "reviewer", relation: "own", status: "submitted" })).toBe(true);
    expect(can("resolveComment", { role: "supervisor", relation: "supervised", status: "returned" })).toBe(false);
    expect(can("resolveComment", { role: "admin", relation: "other", status: "returned" })).toBe(false);
  });

  it("操作记录：审核人、主管部门和管理员可见，填报人不可见；原始数据只给管理员", () => {
    expect(can("seeAudit", { role: "reviewer", relation: "own" })).toBe(true);
    expect(can("seeAudit", { role: "supervisor", relation: "supervised" })).toBe(true);
    expect(can("seeAudit", { role: "admin", relation: "other" })).toBe(true);
    expect(can("seeAudit", { role: "drafter", relation: "own" })).toBe(false);
    expect(ROLE_IDS.filter((r) => roleMay("downloadRawAudit", r))).toEqual(["admin"]);
  });

  it("主管部门只能退回下级单位的年报，不能退回本单位的", () => {
    expect(can("supervisorReturn", { role: "supervisor", relation: "supervised", status: "published" })).toBe(true);
    expect(check("supervisorReturn", { role: "supervisor", relation: "own", status: "published" })).toEqual({ ok: false, why: "relation" });
    expect(check("supervisorReturn", { role: "supervisor", relation: "supervised", status: "draft" })).toEqual({ ok: false, why: "state" });
  });

  it("发布：本单位审核人或系统管理员，且须已审核通过", () => {
    expect(holders("publish")).toEqual(["reviewer/own/approved", "admin/own/approved", "admin/supervised/approved", "admin/other/approved"]);
    expect(check("publish", { role: "drafter", relation: "own", status: "approved" })).toEqual({ ok: false, why: "role" });
  });

  it("可以查看的人：本单位人员、上级主管部门和系统管理员；其他单位一律不可见", () => {
    for (const status of STATES) {
      for (const role of ROLE_IDS) expect(can("view", { role, relation: "other", status })).toBe(role === "admin");
      for (const role of ROLE_IDS) expect(can("view", { role, relation: "own", status })).toBe(true);
    }
  });

  it("看不到的年报，什么都不能做", () => {
    const NOT_ON_A_REPORT: readonly Capability[] = ["draft", "oversee", "administer"];
    for (const capability of CAPABILITIES)
      for (const role of ROLE_IDS)
        for (const relation of RELATIONS)
          for (const status of STATES) {
            if (!NOT_ON_A_REPORT.includes(capability) && can(capability, { role, relation, status })) expect(can("view", { role, relation, status }), `${capability} ${role} ${relation} ${status}`).toBe(true);
          }
  });

  it("新建、导入年报：只有填报人，且只为本单位", () => {
    expect(ROLE_IDS.filter((r) => roleMay("draft", r))).toEqual(["drafter"]);
    expect(can("draft", { role: "drafter", relation: "own" })).toBe(true);
    expect(can("draft", { role: "drafter", relation: "other" })).toBe(false);
  });

  it("导航：主管部门和管理员进入监督页面，只有管理员进入系统管理；填报人、审核人只看本单位年报", () => {
    expect(ROLE_IDS.filter((r) => roleMay("oversee", r))).toEqual(["supervisor", "admin"]);
    expect(ROLE_IDS.filter((r) => roleMay("administer", r))).toEqual(["admin"]);
    expect(ROLE_IDS.filter((r) => seesOwnAgencyOnly(r))).toEqual(["drafter", "reviewer"]);
  });

  it("工作流各环节的适用状态就是状态机的起始状态", () => {
    for (const t of TRANSITIONS) expect(PERMISSIONS[t.action].states).toEqual(t.from);
  });

  it("每个权限都有中文名称", () => {
    for (const capability of CAPABILITIES) expect(PERMISSIONS[capability].label).toMatch(/^[\u4e00-\u9fff]/);
  });
});
