// The bounds of `nianbao/report@1`, apart from the zod schema that enforces them (lib/data/schema.ts):
// the browser's editor shows them (character counters, input limits) without shipping the schema
// library to the browser.

/** Largest magnitude accepted for a cell: far above any real count or 万元 amount, well inside safe integers. */
export const MAX_CELL_MAGNITUDE = 1e12;
/** Report years of `nianbao/report@1`: the statutory tables exist from the 2019 edition on. */
export const MIN_YEAR = 2019;
export const MAX_YEAR = 2100;
/**
 * The earliest year any document may be for or name: archived old-style reports (2008 Regulation),
 * imported files, public addresses. The bounds of every year check in the app are these three.
 */
export const MIN_ANY_YEAR = 2000;

/** A report year of the statutory format: an integer from MIN_YEAR to MAX_YEAR. */
export function isReportYear(y: unknown): y is number {
  return typeof y === "number" && Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR;
}

/** A year a document may be for or name (an archive, an import, a year in a text): MIN_ANY_YEAR to MAX_YEAR. */
export function isPlausibleYear(y: unknown): y is number {
  return typeof y === "number" && Number.isInteger(y) && y >= MIN_ANY_YEAR && y <= MAX_YEAR;
}

/**
 * A total (derived cell) may be larger: the server recomputes every total from the typed cells and
 * stores it, and what it stored must read back. No total adds up more than a few hundred typed
 * cells (parse.test.ts checks it per edition), so 1e15 — still an exact integer in a double — holds
 * any sum of cells within ±1e12.
 */
export const MAX_TOTAL_MAGNITUDE = 1e15;

/**
 * Longest narrative section accepted, in characters (UTF-16 units, as JavaScript counts them).
 * Real sections are a few hundred to a few thousand characters (the longest 「总体情况」 of the
 * published reports we imported is under 8,000); 30,000 is several times that, about 20 printed
 * pages of 仿宋 text. The cap is a safety bound, not an editorial one: every comparison of texts
 * (diff in 版本与记录, 内容雷同) then works on bounded input (issue 14: a 175 KB section was enough
 * to exhaust the server's memory).
 */
export const MAX_NARRATIVE_CHARS = 30_000;
/** Title, preamble, signature and date: one heading or paragraph each. */
export const MAX_META_CHARS = 5_000;
