import { describe, expect, it } from "vitest";
import { clean2024 } from "../fixtures/load";
import { diffReports } from "./diff";
import { fromFormValues, toFormValues } from "./form-reading";
import { headerFields } from "./header-fields";
import { parseReport } from "./parse";

const withMeta = (meta: Record<string, unknown>) => ({ ...clean2024(), meta: { ...clean2024().meta, ...meta } });

describe("header fields (单位负责人, 联系人, 联系电话) in nianbao/report@1", () => {
  it("are optional fields that parse and read back", () => {
    const r = parseReport(withMeta({ principal: "张伟", contact: "王敏", phone: "0517-83601234" }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(headerFields(r.report)).toEqual({ principal: "张伟", contact: "王敏", phone: "0517-83601234" });
    expect(parseReport(clean2024()).ok).toBe(true);
  });
  it("refuse an over-long value at its path, in Chinese", () => {
    const r = parseReport(withMeta({ phone: "1".repeat(51) }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r)).toContain("phone");
  });
  it("blank or non-string values are not printed", () => {
    expect(headerFields({ meta: { principal: "  ", contact: null as unknown as string, phone: " 0517  8360 " } })).toEqual({ phone: "0517 8360" });
  });
  it("go through the editor's form model and show in a diff under their labels", () => {
    const doc = clean2024();
    const values = toFormValues(doc);
    values.meta.contact = " 王敏 ";
    const back = fromFormValues(doc, values).doc;
    expect(back.meta?.contact).toBe("王敏");
    expect(diffReports(doc, back).texts).toEqual([{ path: "meta.contact", label: "联系人", before: "", after: "王敏" }]);
  });
});
