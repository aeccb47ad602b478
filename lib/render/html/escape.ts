// HTML escaping. Every piece of report text (narratives, meta fields, agency names — typed by
// users or produced by importers) goes through these functions, so a narrative containing
// `<script>`, `"` or `&` stays text. Characters XML/HTML cannot carry are dropped as well.

import { cleanText } from "../text";

const TEXT_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** For element content. Quotes are escaped too, so the same function is safe in attributes. */
export function escapeHtml(s: string): string {
  return cleanText(s).replace(/[&<>"']/g, (c) => TEXT_ENTITIES[c]!);
}

/** For a double-quoted attribute value. */
export const escapeAttr = escapeHtml;

/** An id prefix reduced to characters that are safe in ids and in `headers` lists (no spaces). */
export function safeIdPrefix(prefix: string): string {
  const s = prefix.replace(/[^A-Za-z0-9_-]/g, "");
  return /^[A-Za-z]/.test(s) ? s : `nb${s}`;
}
