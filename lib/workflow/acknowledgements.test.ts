import { describe, expect, it } from "vitest";
import { emptyReport, withCell } from "../data";
import { validateReport } from "../rules";
import { unacknowledgedWarnings, validAcknowledgement, warningFingerprint, type Acknowledgement } from "./acknowledgements";

function draft() {
  let r = emptyReport(2024, "示范市应急管理局");
  r = { ...r, narrative: { overview: "概述", problems: "问题", other: "本年度未收取信息处理费。" } };
  return r;
}

describe("warning acknowledgements", () => {
  it("an acknowledgement applies while the involved values are unchanged and lapses when one changes", () => {
    const r = draft();
    const blank = validateReport(r).issues.find((i) => i.rule === "cell.blank" && i.cell.startsWith("appeals."))!;
    const ack: Acknowledgement = { rule: blank.rule, cell: blank.cell, fingerprint: warningFingerprint(r, blank), reason: "本年度无复议诉讼", kind: "drafter" };
    expect(validAcknowledgement(r, blank, [ack])).toBe(ack);
    const changed = withCell(r, "appeals.review.upheld", 0);
    const again = validateReport(changed).issues.find((i) => i.rule === "cell.blank" && i.cell.startsWith("appeals."))!;
    expect(validAcknowledgement(changed, again, [ack])).toBeUndefined();
  });

  it("lists the warnings still needing a reason", () => {
    const r = draft();
    const warnings = validateReport(r).issues.filter((i) => i.severity === "warning");
    expect(warnings.length).toBeGreaterThan(1);
    const acks = warnings.slice(1).map((w) => ({ rule: w.rule, cell: w.cell, fingerprint: warningFingerprint(r, w), reason: "已核实", kind: "drafter" }));
    expect(unacknowledgedWarnings(r, validateReport(r).issues, acks)).toEqual([warnings[0]]);
  });

  it("a narrative warning lapses when the text changes", () => {
    const r = { ...draft(), narrative: { overview: "概述", problems: "问题", other: "无" } };
    const fee = validateReport(r).issues.find((i) => i.rule === "narrative.feeStatement")!;
    const fp = warningFingerprint(r, fee);
    const r2 = { ...r, narrative: { ...r.narrative, other: "无。" } };
    const fee2 = validateReport(r2).issues.find((i) => i.rule === "narrative.feeStatement")!;
    expect(warningFingerprint(r2, fee2)).not.toBe(fp);
  });
});
