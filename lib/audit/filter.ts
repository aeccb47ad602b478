// The filters of the audit trail pages (person, event, date range), read from a query string.
// Pure and forgiving: a malformed value is dropped with a Chinese note, never an error page.

export interface AuditFilter {
  actorId?: number;
  /** One stored action, e.g. "report.publish". */
  action?: string;
  /** Inclusive start, ms (00:00 China time of the `from` day). */
  fromMs?: number;
  /** Exclusive end, ms (00:00 China time of the day after `to`). */
  toMs?: number;
  /** The values as given, for the form. */
  form: { actor: string; event: string; from: string; to: string };
  notes: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight in China (UTC+8, no daylight saving) of a YYYY-MM-DD day, or null when not a real date. */
export function chinaDayStart(day: string): number | null {
  const m = DATE.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d) - 8 * 60 * 60 * 1000;
  const check = new Date(ms + 8 * 60 * 60 * 1000);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || y < 2000 || y > 2100) return null;
  return ms;
}

const one = (v: string | string[] | undefined): string => (typeof v === "string" ? v.slice(0, 40) : Array.isArray(v) && typeof v[0] === "string" ? v[0].slice(0, 40) : "");

export function parseAuditFilter(q: Record<string, string | string[] | undefined>): AuditFilter {
  const form = { actor: one(q.actor), event: one(q.event), from: one(q.from), to: one(q.to) };
  const out: AuditFilter = { form, notes: [] };
  if (form.actor) {
    const n = Number(form.actor);
    if (Number.isSafeInteger(n) && n > 0) out.actorId = n;
    else out.notes.push("操作人参数无效，已忽略");
  }
  if (form.event) {
    if (/^[a-z_]+\.[A-Za-z_]+$/.test(form.event)) out.action = form.event;
    else out.notes.push("操作类型参数无效，已忽略");
  }
  if (form.from) {
    const ms = chinaDayStart(form.from);
    if (ms === null) out.notes.push(`起始日期「${form.from}」无效，已忽略`);
    else out.fromMs = ms;
  }
  if (form.to) {
    const ms = chinaDayStart(form.to);
    if (ms === null) out.notes.push(`截止日期「${form.to}」无效，已忽略`);
    else out.toMs = ms + DAY_MS;
  }
  if (out.fromMs !== undefined && out.toMs !== undefined && out.fromMs >= out.toMs) out.notes.push("起始日期晚于截止日期，没有符合条件的记录");
  return out;
}

/** The query string of a filter (for the export and raw-data links of the same selection). */
export function filterQuery(f: AuditFilter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (f.actorId) p.set("actor", String(f.actorId));
  if (f.action) p.set("event", f.action);
  if (f.fromMs !== undefined) p.set("from", f.form.from);
  if (f.toMs !== undefined) p.set("to", f.form.to);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}
