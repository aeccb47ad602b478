import { describe, expect, it } from "vitest";
import { listedTodo, todoItems, todoLabel, type TodoReport } from "./todo";

const r = (over: Partial<TodoReport>): TodoReport => ({ id: 1, agencyId: 5, agencyName: "示范市应急管理局", year: 2024, status: "draft", openComments: 0, ...over });
const notice = { id: 9, title: "示范市人民政府办公室催办 2024 年度报告", body: "请抓紧", href: "/reports/1", createdAt: new Date() };

describe("todoItems", () => {
  it("reviewer: submitted reports of the agency, and notices", () => {
    const items = todoItems({ role: "reviewer", own: [r({ status: "submitted" }), r({ id: 2, status: "draft" })], notices: [notice] });
    expect(items.map((i) => i.kind)).toEqual(["notice", "review"]);
    expect(todoLabel(items[1]!)).toBe("待审核：示范市应急管理局 2024 年度报告");
  });
  it("drafter: returned reports and drafts with open comments", () => {
    const items = todoItems({ role: "drafter", own: [r({ status: "returned", openComments: 2 }), r({ id: 2, year: 2023, status: "draft", openComments: 1 }), r({ id: 3, status: "submitted", openComments: 4 })], notices: [] });
    expect(items.map((i) => i.kind)).toEqual(["returned", "comments"]);
    expect(todoLabel(items[0]!)).toContain("2 条意见待处理");
  });
  it("supervisor: overdue (past the deadline, never published) and returned for rework", () => {
    const now = new Date("2025-03-01T00:00:00Z");
    const items = todoItems(
      {
        role: "supervisor",
        own: [],
        notices: [],
        scope: [
          {
            year: 2024,
            agencies: [
              { agencyId: 1, agencyName: "甲", report: null },
              { agencyId: 2, agencyName: "乙", report: r({ agencyId: 2, status: "published", published: true }) },
              { agencyId: 3, agencyName: "丙", report: r({ agencyId: 3, status: "returned", returnedBySupervisor: true, published: true }) },
              { agencyId: 4, agencyName: "丁", report: r({ agencyId: 4, status: "returned", published: true }) },
              { agencyId: 5, agencyName: "戊", report: r({ agencyId: 5, status: "draft" }) },
            ],
          },
          { year: 2025, agencies: [{ agencyId: 1, agencyName: "甲", report: null }] },
        ],
        rework: [r({ agencyId: 3, status: "returned", returnedBySupervisor: true, published: true }), r({ id: 7, agencyId: 6, year: 2019, status: "returned", returnedBySupervisor: true })],
      },
      now,
    );
    // 丙 (returned for rework) is listed once, as rework; 丁 (returned by its own reviewer, published before) is neither.
    expect(items.map((i) => [i.kind, i.kind === "overdue" ? i.agencyName : i.kind === "rework" ? i.report.agencyId : null])).toEqual([
      ["rework", 3],
      ["rework", 6],
      ["overdue", "甲"],
      ["overdue", "戊"],
    ]);
    expect(todoLabel(items[2]!)).toMatch(/^已逾期 \d+ 天未发布：甲 2024 年度报告（尚未创建）$/);
  });
});

describe("listedTodo: what the 待办 page names one by one", () => {
  it("names a year's first overdue agencies and counts the rest; other items are all listed", () => {
    const now = new Date("2025-03-01T00:00:00Z");
    const agencies = (year: number, n: number) => ({ year, agencies: Array.from({ length: n }, (_, i) => ({ agencyId: 100 + i, agencyName: `第${i + 1}局`, report: null })) });
    const items = todoItems({ role: "supervisor", own: [], notices: [notice], scope: [agencies(2024, 30), agencies(2023, 3)] }, now);
    expect(items.filter((i) => i.kind === "overdue")).toHaveLength(33);
    const { listed, moreOverdue } = listedTodo(items, 20);
    expect(listed.filter((i) => i.kind === "overdue" && i.year === 2024)).toHaveLength(20);
    expect(listed.filter((i) => i.kind === "overdue" && i.year === 2023)).toHaveLength(3);
    expect(listed.filter((i) => i.kind === "notice")).toHaveLength(1);
    expect(moreOverdue).toEqual([{ year: 2024, count: 10 }]);
  });
  it("lists everything when no year has more than the limit", () => {
    const items = todoItems({ role: "reviewer", own: [r({ status: "submitted" })], notices: [notice] });
    expect(listedTodo(items)).toEqual({ listed: items, moreOverdue: [] });
  });
});
