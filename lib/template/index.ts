// The statutory template: the registry of editions and the helpers derived from their data.
//
// Adding an edition: write editions/<id>.ts (+ its tests) and add it to EDITIONS below. Nothing
// else in lib/ names an edition id; everything else (schema, rules, layout) is derived.

import { edition2019 } from "./editions/2019";
import { edition2021 } from "./editions/2021";
import { NARRATIVE_KEYS, SECTION_NUMBERS, TABLE_KEYS } from "./keys";
import type { Edition, NarrativeKey, SectionNumber, TableKey } from "./types";

/** Every supported edition, newest first. */
export const EDITIONS = [edition2021, edition2019] as const;

export type EditionId = (typeof EDITIONS)[number]["id"];

/** The newest edition: what the help page explains and whose headings name the narrative parts. */
export const NEWEST_EDITION: Edition<EditionId> = EDITIONS[0];

export const EDITION_IDS: readonly EditionId[] = EDITIONS.map((e) => e.id);

export function isEditionId(x: unknown): x is EditionId {
  return typeof x === "string" && (EDITION_IDS as readonly string[]).includes(x);
}

/** The edition with this id (the type guarantees it exists). */
export function getEdition(id: EditionId): Edition<EditionId> {
  const e = EDITIONS.find((x) => x.id === id);
  if (!e) throw new RangeError(`unknown edition ${String(id)}`);
  return e;
}

/** The edition with this id, or undefined — for ids read from untrusted input. */
export function findEdition(id: string): Edition<EditionId> | undefined {
  return EDITIONS.find((x) => x.id === id);
}

/**
 * The edition that officially applies to a report year: 2019–2020 → "2019", 2021 and later → "2021";
 * before 2019 → undefined (legacy reports under the 2008 Regulation have no statutory tables).
 */
export function editionForYear(year: number): EditionId | undefined {
  return EDITIONS.find((e) => year >= e.appliesTo.fromYear && (e.appliesTo.toYear === undefined || year <= e.appliesTo.toYear))?.id;
}

/** "2021 年版格式（国办公开办函〔2021〕30号）" — how messages name an edition. */
export function editionName(edition: Edition): string {
  return `${edition.id} 年版格式（${edition.notice}）`;
}

/**
 * The statutory table printed under each section number (二 → proactive, 三 → applications,
 * 四 → appeals), read from the editions' sections; the editions agree (template.test.ts).
 */
export const TABLE_OF_SECTION: Readonly<Partial<Record<SectionNumber, TableKey>>> = Object.fromEntries(
  EDITIONS.flatMap((e) => e.sections.flatMap((s) => (s.tableKey ? [[s.number, s.tableKey] as const] : []))),
);

/** How a narrative part is printed: 「一、总体情况」 (newest edition's heading; the editions agree). */
export const NARRATIVE_HEADINGS: Readonly<Record<NarrativeKey, string>> = Object.fromEntries(
  NARRATIVE_KEYS.map((k) => [k, NEWEST_EDITION.sections.find((s) => s.narrativeKey === k)!.heading]),
) as Record<NarrativeKey, string>;

/** The three narrative texts, each `value(key)`: one place that builds a `{ overview, problems, other }`. */
export function narrativeRecord<T>(value: (key: NarrativeKey) => T): Record<NarrativeKey, T> {
  return Object.fromEntries(NARRATIVE_KEYS.map((k) => [k, value(k)])) as Record<NarrativeKey, T>;
}

export { NARRATIVE_KEYS, SECTION_NUMBERS, TABLE_KEYS };
export type * from "./types";
export { plainLabel, rowName, rowPhrase, columnPhrase } from "./labels";
export {
  allCells,
  cellInfo,
  cellLabel,
  cellRef,
  derivationOrder,
  parseCellRef,
  tableRows,
  type CellInfo,
  type CellRef,
  type Formula,
} from "./cells";
export { tableLayout, type LayoutCell, type TableLayout } from "./layout";
export { inputAddends } from "./addends";
