// Parts of the template that the 2019 and 2021 editions share word for word
// (format-2019.md §3.2–3.4: table 三 is identical except for row （六）, table 四 is identical,
// the six section headings are unchanged). Kept in one place so a typo cannot differ between editions;
// an edition that changes any of this defines its own instead of importing it.

import type { BlockDef, CheckDef, ColumnDef, FigureKey, GroupDef, GuidanceNote, NarrativeKey, RowDef, SectionDef, SectionKey, SectionNumber, TableDef, TableKey } from "../types";

/** Puts every row in the given groups (outermost first), after any groups it already has. */
export function inGroup(group: GroupDef, rows: RowDef[]): RowDef[] {
  return rows.map((r) => ({ ...r, groups: [group, ...(r.groups ?? [])] }));
}

export const SECTION_HEADINGS = {
  overview: "一、总体情况",
  proactive: "二、主动公开政府信息情况",
  applications: "三、收到和处理政府信息公开申请情况",
  appeals: "四、政府信息公开行政复议、行政诉讼情况",
  problems: "五、存在的主要问题及改进情况",
  other: "六、其他需要报告的事项",
} as const;

const sectionNumber = (key: SectionKey) => SECTION_HEADINGS[key].slice(0, 1) as SectionNumber;

/** A narrative section (一、五、六) under its heading, with the edition's guidance and sub-blocks. */
export function narrativeSection(key: NarrativeKey, guidance: GuidanceNote[], more: Pick<SectionDef, "subBlocks" | "requiredStatements"> = {}): SectionDef {
  return { number: sectionNumber(key), key, heading: SECTION_HEADINGS[key], kind: "narrative", narrativeKey: key, guidance, ...more };
}

/** A table section (二、三、四) under its heading, with the edition's guidance. */
export function tableSection(key: TableKey, guidance: GuidanceNote[]): SectionDef {
  return { number: sectionNumber(key), key, heading: SECTION_HEADINGS[key], kind: "table", tableKey: key, guidance };
}

// ---------------------------------------------------------------- table 二 (proactive)

/**
 * Table 二 of an edition, given its blocks (one per item of article 20 it reports, see
 * `article20Block`): a label column and three value columns in both editions.
 */
export function proactiveTable(blocks: BlockDef[], layoutNotes?: string[]): TableDef {
  return {
    key: "proactive",
    name: "表二",
    section: sectionNumber("proactive"),
    title: SECTION_HEADINGS.proactive.slice(2),
    orientation: "rows",
    labelColumns: 1,
    gridColumns: 4,
    ...(layoutNotes ? { layoutNotes } : {}),
    blocks,
  };
}

/** A block of table 二: the items of article 20 the table reports, each under its 「信息内容」 corner. */
export function article20Block(item: "一" | "五" | "六" | "八" | "九", columns: ColumnDef[], rows: RowDef[]): BlockDef {
  const keys = { 一: "article20Item1", 五: "article20Item5", 六: "article20Item6", 八: "article20Item8", 九: "article20Item9" } as const;
  return { key: keys[item], title: `第二十条第（${item}）项`, corner: { text: "信息内容" }, columns, rows };
}

// ---------------------------------------------------------------- sections 五 and the issuer

/** Section 五 reads the same in both editions: its content comes straight from art. 50(4). */
export const PROBLEMS_SECTION: SectionDef = narrativeSection("problems", [
  {
    text: "写明政府信息公开工作存在的主要问题及改进情况；各级人民政府的年度报告还应当包括工作考核、社会评议和责任追究结果情况（条例第五十条第（四）项）。",
    basis: "law",
  },
]);

/** Both notices come from the same office. */
export const ISSUER = "国务院办公厅政府信息与政务公开办公室";

// ---------------------------------------------------------------- table 三 (applications)

/** Table 三's header note: the official 勾稽关系 of every data column. */
export const BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
/** Row （二）'s note: an application handled by separation is counted once, as 部分公开. */
export const PARTIAL_NOTE = "（区分处理的，只计这一情形，不计其他情形）";

const applicants: GroupDef = { key: "applicants", label: "申请人情况" };
const organisations: GroupDef = { key: "organisations", label: "法人或其他组织" };

export const APPLICANT_COLUMNS: ColumnDef[] = [
  { key: "natural", label: "自然人", kind: "count", groups: [applicants] },
  { key: "commercial", label: "商业企业", kind: "count", groups: [applicants, organisations] },
  { key: "research", label: "科研机构", kind: "count", groups: [applicants, organisations] },
  { key: "nonprofit", label: "社会公益组织", kind: "count", groups: [applicants, organisations] },
  { key: "legalService", label: "法律服务机构", kind: "count", groups: [applicants, organisations] },
  {
    key: "otherOrg",
    label: "其他",
    kind: "count",
    groups: [applicants, organisations],
    hint: "第五类法人或其他组织（其他组织），不是“其他申请人”。",
  },
  {
    key: "total",
    label: "总计",
    kind: "count",
    groups: [applicants],
    derived: { rule: "applications.rowTotal", addendsLabel: "各申请人类型", basis: "derived" },
  },
];

const results: GroupDef = { key: "results", label: "三、本年度办理结果" };

const RESULT_ROWS_BEFORE_OTHER: RowDef[] = [
  { key: "granted", label: "（一）予以公开" },
  {
    key: "partiallyGranted",
    label: `（二）部分公开${PARTIAL_NOTE}`,
    note: PARTIAL_NOTE,
  },
  ...inGroup({ key: "withheld", label: "（三）不予公开" }, [
    { key: "withheldStateSecret", label: "1.属于国家秘密" },
    { key: "withheldLawProhibited", label: "2.其他法律行政法规禁止公开" },
    { key: "withheldSecurityStability", label: "3.危及“三安全一稳定”" },
    { key: "withheldThirdParty", label: "4.保护第三方合法权益" },
    { key: "withheldInternalAffairs", label: "5.属于三类内部事务信息" },
    { key: "withheldProcessInfo", label: "6.属于四类过程性信息" },
    { key: "withheldEnforcementFile", label: "7.属于行政执法案卷" },
    { key: "withheldInquiry", label: "8.属于行政查询事项" },
  ]),
  ...inGroup({ key: "unavailable", label: "（四）无法提供" }, [
    { key: "unavailableNotHeld", label: "1.本机关不掌握相关政府信息" },
    { key: "unavailableNeedsCreation", label: "2.没有现成信息需要另行制作" },
    { key: "unavailableUnclear", label: "3.补正后申请内容仍不明确" },
  ]),
  ...inGroup({ key: "notProcessed", label: "（五）不予处理" }, [
    { key: "notProcessedComplaint", label: "1.信访举报投诉类申请" },
    { key: "notProcessedRepeat", label: "2.重复申请" },
    { key: "notProcessedPublication", label: "3.要求提供公开出版物" },
    { key: "notProcessedExcessive", label: "4.无正当理由大量反复申请" },
    { key: "notProcessedConfirmation", label: "5.要求行政机关确认或重新出具已获取信息" },
  ]),
];

/**
 * Table 三 of an edition, given that edition's rows for item （六）其他处理 (the only difference
 * between 2019 and 2021). The rows of 「三、本年度办理结果」 are all leaves except （七）总计,
 * which is derived from them.
 */
export function applicationsTable(otherHandlingRows: RowDef[]): TableDef {
  return {
    key: "applications",
    name: "表三",
    section: sectionNumber("applications"),
    title: SECTION_HEADINGS.applications.slice(2),
    orientation: "rows",
    labelColumns: 3,
    gridColumns: 10,
    blocks: [
      {
        key: "applications",
        corner: { text: BALANCE_NOTE, note: BALANCE_NOTE },
        columns: APPLICANT_COLUMNS,
        rows: [
          { key: "received", label: "一、本年新收政府信息公开申请数量", shortLabel: "一（本年新收）" },
          { key: "carriedOver", label: "二、上年结转政府信息公开申请数量", shortLabel: "二（上年结转）" },
          ...inGroup(results, [
            ...RESULT_ROWS_BEFORE_OTHER,
            ...otherHandlingRows,
            {
              key: "handledTotal",
              label: "（七）总计",
              shortLabel: "（七）总计",
              derived: { rule: "applications.handledTotal", addendsLabel: "各办理结果", basis: "derived" },
            },
          ]),
          { key: "carriedForward", label: "四、结转下年度继续办理", shortLabel: "四（结转下年度）" },
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------- table 四 (appeals)

const litigation: GroupDef = { key: "litigation", label: "行政诉讼" };

/** Table 四, identical in both editions: three groups of five columns printed as ONE data row. */
export const APPEALS_TABLE: TableDef = {
  key: "appeals",
  name: "表四",
  section: sectionNumber("appeals"),
  title: SECTION_HEADINGS.appeals.slice(2),
  orientation: "columnGroups",
  labelColumns: 0,
  gridColumns: 15,
  blocks: [
    {
      key: "appeals",
      columns: [
        { key: "upheld", label: "结果维持", kind: "count" },
        { key: "corrected", label: "结果纠正", kind: "count" },
        { key: "other", label: "其他结果", kind: "count" },
        { key: "pending", label: "尚未审结", kind: "count" },
        { key: "total", label: "总计", kind: "count", derived: { rule: "appeals.total", basis: "derived" } },
      ],
      rows: [
        { key: "review", label: "行政复议" },
        { key: "litigationDirect", label: "未经复议直接起诉", groups: [litigation] },
        { key: "litigationAfterReview", label: "复议后起诉", groups: [litigation] },
      ],
    },
  ],
};

/** Section 三 and its guidance: the official notes printed under the table, the same in both editions. */
export const APPLICATIONS_SECTION: SectionDef = tableSection("applications", [
  { text: "每一列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和。", basis: "official" },
  {
    text: "区分处理的申请（部分公开），只计入“（二）部分公开”，不再计入其他情形。",
    basis: "official",
  },
]);

/** Table 三's printed 勾稽关系, every column: 收到 + 上年结转 = 办理结果总计 + 结转下年度. */
export const APPLICATIONS_BALANCE: CheckDef = {
  type: "balance",
  rule: "applications.balance",
  table: "applications",
  left: ["received", "carriedOver"],
  right: ["handledTotal", "carriedForward"],
  basis: "official",
};

/** Last year's 结转下年度 is this year's 上年结转 (both editions). */
export const CARRY_APPLICATIONS: CheckDef = {
  type: "carryRow",
  rule: "carry.applications",
  table: "applications",
  row: "carriedOver",
  fromRow: "carriedForward",
  basis: "heuristic",
};

/** Tables 三 and 四 are the same in both editions, so are the cells behind the narrative's figures. */
export const NARRATIVE_FIGURES: Partial<Record<FigureKey, string[]>> = {
  received: ["applications.received.total"],
  handled: ["applications.handledTotal.total"],
  carriedOver: ["applications.carriedOver.total"],
  carriedForward: ["applications.carriedForward.total"],
  review: ["appeals.review.total"],
  litigation: ["appeals.litigationDirect.total", "appeals.litigationAfterReview.total"],
};

/** Section 四; the editions word the note on co-defendant review bodies differently. */
export function appealsSection(coDefendantNote: string): SectionDef {
  return tableSection("appeals", [{ text: coDefendantNote, basis: "practice" }]);
}
