// The statutory template as data: the types every edition file fills in.
//
// One edition = the six report sections + the three statutory tables (二 proactive, 三 applications,
// 四 appeals) + the consistency checks that are not plain sums. Everything downstream (zod schema,
// rule engine, form, .docx and HTML renderers) is derived from these objects, so they carry the exact
// printed labels, the merges of the printed layout and the arithmetic of the derived cells.
//
// Pure data types: no runtime code here (the key lists the types derive from are in ./keys).

import type { NARRATIVE_KEYS, SECTION_NUMBERS, TABLE_KEYS } from "./keys";

/** The three statutory tables, keyed as in the interchange format `nianbao/report@1`. */
export type TableKey = (typeof TABLE_KEYS)[number];

/** The narrative parts of the report (sections 一, 五, 六). */
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];

/** Section numbers as printed (一、…六、). */
export type SectionNumber = (typeof SECTION_NUMBERS)[number];

/**
 * What a value cell holds.
 * - `count`: integer ≥ 0 (applications, cases, documents, decisions).
 * - `signedCount`: integer, may be negative (2019 「本年增/减」).
 * - `amount`: decimal ≥ 0 in 万元 (fees; 2019 procurement).
 */
export type CellKind = "count" | "signedCount" | "amount";

/**
 * How sure we are that a piece of template text is official (see the status tags of the spec).
 * - `official`: from the notice / the template itself (CONFIRMED).
 * - `law`: from the Regulation (条例) itself.
 * - `practice`: consistently seen in real reports, but not read in the notice (CONFIRMED-PRACTICE).
 * - `derived`: follows from the table structure; printed nowhere.
 * - `heuristic`: a sensible cross-check used in practice, not an official rule (warnings only).
 */
export type Basis = "official" | "law" | "practice" | "derived" | "heuristic";

/** A label printed once across several consecutive rows (row groups) or columns (column groups). */
export interface GroupDef {
  /** Stable id; consecutive rows/columns with the same group key are merged in the layout. */
  key: string;
  /** Exact printed text. */
  label: string;
}

/**
 * A derived (total) row or column: its value is the sum of the other rows/columns of its group.
 * The addends are not listed again: they are "every other leaf of the same outermost group"
 * (for a row: the rows sharing its first group, e.g. 「三、本年度办理结果」; for a column: the other
 * columns of its block), so the rule engine and `computeDerived` read them from the template itself.
 */
export interface DerivedDef {
  /** Id of the rule that reports a mismatch between the reported total and the sum. */
  rule: string;
  /** How messages name the addends, e.g. "各申请人类型"; default: their labels joined by 、. */
  addendsLabel?: string;
  basis: Basis;
}

/** A data column (a leaf of the column-header tree). */
export interface ColumnDef {
  /** Interchange key, e.g. "natural", "issued", "total". */
  key: string;
  /** Exact printed header text, including an in-cell note if there is one. */
  label: string;
  /** The part at the END of `label` that is an in-cell note, e.g. "（单位：万元）". */
  note?: string;
  kind: CellKind;
  /** Unit of the value, e.g. "万元". */
  unit?: string;
  /** False when the unit is our assumption and not printed in the template. */
  unitPrinted?: boolean;
  /** Column groups (outermost first), e.g. [申请人情况, 法人或其他组织]. */
  groups?: GroupDef[];
  /** Grid columns this column occupies in the printed layout (default 1). */
  span?: number;
  /** Set on total columns (总计). */
  derived?: DerivedDef;
  /** Help text for the form. Non-official hints say so in the text. */
  hint?: string;
}

/** A data row (a leaf of the row-label tree). */
export interface RowDef {
  /** Interchange key, e.g. "received", "withheldThirdParty". */
  key: string;
  /** Exact printed label, including an in-cell note if there is one. */
  label: string;
  /** The part at the END of `label` that is an in-cell note. */
  note?: string;
  /** Short form used in messages about this row, e.g. "一（本年新收）". */
  shortLabel?: string;
  /** Row groups (outermost first), e.g. [三、本年度办理结果, （三）不予公开]. */
  groups?: GroupDef[];
  /** Set on total rows (（七）总计). */
  derived?: DerivedDef;
  hint?: string;
}

/**
 * A block of a table: a rectangle of rows × columns with its own header.
 * Table 二 stacks four (2021) or five (2019) blocks, each with its title row and its own
 * 「信息内容」 header; tables 三 and 四 are one block each.
 */
export interface BlockDef {
  key: string;
  /** Block title row spanning the whole grid, e.g. "第二十条第（一）项". */
  title?: string;
  /** The top-left header cell above the row labels, e.g. "信息内容" or table 三's 勾稽关系 note. */
  corner?: { text: string; note?: string };
  columns: ColumnDef[];
  rows: RowDef[];
}

/**
 * - `rows`: the usual form: one printed row per data row, row labels on the left.
 * - `columnGroups`: every data row is printed as a column group of ONE printed data row
 *   (table 四: 行政复议 / 行政诉讼→未经复议直接起诉 / 复议后起诉, each with 5 columns).
 */
export type TableOrientation = "rows" | "columnGroups";

export interface TableDef {
  key: TableKey;
  /** How messages name the table: "表二", "表三", "表四" (= the section number it sits under). */
  name: string;
  /** The section the table belongs to. */
  section: SectionNumber;
  /** Title of the table = the section heading without its number, e.g. "收到和处理政府信息公开申请情况". */
  title: string;
  orientation: TableOrientation;
  /** Grid columns used by row labels (table 三: 3; table 二: 1; table 四: 0). */
  labelColumns: number;
  /** Total grid width of the printed table. */
  gridColumns: number;
  blocks: BlockDef[];
  /** Free-form notes about how this edition's layout was decided (e.g. unconfirmed spans). */
  layoutNotes?: string[];
}

/** One line of official (or clearly marked non-official) guidance for a section. */
export interface GuidanceNote {
  text: string;
  basis: Basis;
}

/** A pre-labelled optional/required sub-part of a narrative section. */
export interface SubBlockDef {
  /** Exact heading to print, e.g. "（一）收取信息处理费情况". */
  label: string;
  required: boolean;
  hint: string;
  basis: Basis;
}

/**
 * Something a narrative section must state. The rule engine warns when none of the keywords
 * occurs in the section text (a keyword test, not language understanding — hence a warning).
 */
export interface RequiredStatementDef {
  rule: string;
  /** What must be stated, for the message, e.g. "信息处理费收取情况". */
  what: string;
  /** The text satisfies the requirement when it contains any of these. */
  anyOf: string[];
  /** Extra explanation appended to the warning. */
  explanation: string;
  basis: Basis;
}

export type SectionKey = NarrativeKey | TableKey;

export interface SectionDef {
  number: SectionNumber;
  key: SectionKey;
  /** Exact heading, e.g. "一、总体情况". */
  heading: string;
  kind: "narrative" | "table";
  narrativeKey?: NarrativeKey;
  tableKey?: TableKey;
  guidance: GuidanceNote[];
  subBlocks?: SubBlockDef[];
  requiredStatements?: RequiredStatementDef[];
}

/**
 * Checks that are not "a total equals the sum of its addends" (those come from `DerivedDef`).
 * Row and column keys refer to the named table of the same edition.
 */
export type CheckDef =
  | {
      /** Per column c: Σ left rows [c] = Σ right rows [c] (table 三's printed 勾稽关系). */
      type: "balance";
      rule: string;
      table: TableKey;
      left: string[];
      right: string[];
      basis: Basis;
    }
  | {
      /** Per listed row r: Σ columns `sum` [r] ≥ Σ columns `atLeast` [r] (empty `atLeast` = 0). */
      type: "atLeast";
      rule: string;
      table: TableKey;
      rows: string[];
      sum: string[];
      atLeast: string[];
      /** Why the inequality should hold, appended to the message. */
      explanation: string;
      basis: Basis;
    }
  | {
      /** Cross-year, per column c: this year's `row`[c] = last year's `fromRow`[c]. */
      type: "carryRow";
      rule: string;
      table: TableKey;
      row: string;
      fromRow: string;
      basis: Basis;
    }
  | {
      /**
       * Cross-year, per listed row r: this[r][column] = last[r][column] + Σ this[r][plus] − Σ this[r][minus].
       * Only when last year's report has the same cell (same column meaning).
       */
      type: "carryStock";
      rule: string;
      table: TableKey;
      rows: string[];
      column: string;
      plus: string[];
      minus: string[];
      basis: Basis;
    };

/**
 * Figures reports commonly state in their narrative about the tables (「共收到政府信息公开申请32件」,
 * 「行政复议2件」): the rule narrative.figures recognises the sentences (lib/rules/narrative-figures.ts),
 * the edition says which of its cells hold each figure.
 */
export type FigureKey = "received" | "handled" | "carriedOver" | "carriedForward" | "review" | "litigation";

/** One official edition of the report format. `Id` is the edition id used in `nianbao/report@1`. */
export interface Edition<Id extends string = string> {
  id: Id;
  /** 文号 of the notice that issued the format, e.g. "国办公开办函〔2021〕30号". */
  notice: string;
  /** Full title of the notice. */
  noticeTitle: string;
  /** Title of the format document itself. */
  formatTitle: string;
  /** Issuing office. */
  issuer: string;
  /** Report years the edition officially applies to (toYear absent = still current). */
  appliesTo: { fromYear: number; toYear?: number };
  /** The six sections in order. */
  sections: SectionDef[];
  tables: Record<TableKey, TableDef>;
  checks: CheckDef[];
  /** Per figure, the cells ("table.row.column") whose values add up to it; a figure left out is not checked. */
  narrativeFigures: Partial<Record<FigureKey, string[]>>;
}
