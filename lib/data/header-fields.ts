// The report header fields offices print (issue 16 §7): 单位负责人, 联系人, 联系电话. Optional,
// per report, stored in `meta` of nianbao/report@1 (docs/interchange.md). One definition: the schema,
// the editor's fields, the diff labels and the print view all read this list.
import type { ReportDoc } from "./types";

export const HEADER_FIELDS = [
  { key: "principal", label: "单位负责人", max: 50 },
  { key: "contact", label: "联系人", max: 50 },
  { key: "phone", label: "联系电话", max: 50 },
] as const;

export type HeaderFieldKey = (typeof HEADER_FIELDS)[number]["key"];
export const HEADER_FIELD_KEYS: readonly HeaderFieldKey[] = HEADER_FIELDS.map((f) => f.key);
/** Longest value accepted by the schema (a name or a phone number with an extension). */
export const MAX_HEADER_FIELD_CHARS = 50;

/** The header fields of a report that are filled in (trimmed; non-strings ignored). */
export function headerFields(doc: Pick<ReportDoc, "meta">): Partial<Record<HeaderFieldKey, string>> {
  const out: Partial<Record<HeaderFieldKey, string>> = {};
  for (const { key } of HEADER_FIELDS) {
    const v = doc.meta?.[key];
    if (typeof v === "string" && v.trim()) out[key] = v.trim().replace(/\s+/g, " ");
  }
  return out;
}
