import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { emptyReport } from "@/lib/data";
import { validateReport } from "@/lib/rules/engine";
import { getEdition } from "@/lib/template";
import { IssueItem, IssuePanelView, type IssuePanelState } from "./issue-panel-view";

describe("the issue panel's drawing", () => {
  const doc = emptyReport(2024, "示范市应急管理局");
  doc.tables.applications!.received!.natural = 3; // the balance rule breaks
  const v = validateReport(doc);
  const edition = getEdition(doc.edition);
  const state: IssuePanelState = { issues: v.issues, errors: v.errors, warnings: v.warnings, inputErrors: new Map([["applications.received.commercial", "请输入数字"]]), completion: 0.4, server: { validation: v, at: null } };
  const draw = (props: Partial<Parameters<typeof IssuePanelView>[0]>) => renderToStaticMarkup(createElement(IssuePanelView, { state, edition, readOnly: false, dirty: false, ...props }));

  it("is the same markup on the server (no handlers) as in the browser (handlers, memoised rows)", () => {
    expect(v.errors).toBeGreaterThan(0);
    const server = draw({});
    const browser = draw({ onCollapse: () => undefined, onFocusCell: () => undefined, row: (i) => createElement(IssueItem, { key: `${i.rule}|${i.cell}`, issue: i, onFocusCell: () => undefined }) });
    expect(browser).toBe(server);
    // What the loader answers a click on the server's panel from.
    expect(server).toContain(`data-focus-cell="${v.issues[0]!.cell}"`);
    expect(server).toContain('data-focus-cell="applications.received.commercial"');
    expect(server).toContain("data-collapse");
    expect(server).toContain("存在错误，修正后才能提交审核。");
    expect(server).toContain("服务器校验（打开时）");
  });

  it("tells a reader without edit rights the state of the content, and unsaved edits when there are some", () => {
    expect(draw({ readOnly: true })).toContain("存在错误。");
    expect(draw({ dirty: true })).toContain("；有修改尚未保存");
  });
});
