// 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 2019 edition (国办公开办函〔2019〕60号),
// for report years 2019 and 2020. Source of every label and merge: docs/format-2019.md.

import type { ColumnDef, Edition, SectionDef, TableDef } from "../types";
import { APPEALS_TABLE, APPLICATIONS_BALANCE, APPLICATIONS_SECTION, CARRY_APPLICATIONS, ISSUER, NARRATIVE_FIGURES, PROBLEMS_SECTION, appealsSection, applicationsTable, article20Block, narrativeSection, proactiveTable, tableSection } from "./common";

const previous: ColumnDef = { key: "previous", label: "上一年项目数量", kind: "count" };
const change: ColumnDef = {
  key: "change",
  label: "本年增/减",
  kind: "signedCount",
  hint: "本年增加或减少的项目数量，减少填负数，如 -8（湖北省的填报说明，非国家文本）。",
};
const decisions: ColumnDef = { key: "decisions", label: "处理决定数量", kind: "count" };

const LAYOUT_NOTE =
  "The official cell widths of the 2019 table 二 are UNCONFIRMED (format-2019.md §3.1). We use a 4-column grid " +
  "(label + 3 value columns) like the 2021 edition: blocks （一）（五）（六） have 3 value columns; in （八） and " +
  "（九）, which have 2 value columns, the second one spans 2 grid columns so that no empty, input-looking cell is printed.";

const proactive: TableDef = proactiveTable(
  [
    article20Block("一", [
      { key: "produced", label: "本年新制作数量", kind: "count" },
      { key: "published", label: "本年新公开数量", kind: "count" },
      { key: "publishedTotal", label: "对外公开总数量", kind: "count" },
    ], [
      { key: "regulations", label: "规章" },
      { key: "normativeDocuments", label: "规范性文件" },
    ]),
    article20Block("五", [previous, change, decisions], [
      { key: "licensing", label: "行政许可" },
      { key: "otherServices", label: "其他对外管理服务事项" },
    ]),
    article20Block("六", [previous, change, decisions], [
      { key: "penalties", label: "行政处罚" },
      { key: "coercion", label: "行政强制" },
    ]),
    article20Block("八", [previous, { ...change, span: 2 }], [{ key: "fees", label: "行政事业性收费" }]),
    article20Block("九", [
      { key: "projects", label: "采购项目数量", kind: "count" },
      {
        key: "amount",
        label: "采购总金额",
        kind: "amount",
        unit: "万元",
        unitPrinted: false,
        span: 2,
        hint: "模板未印单位，本系统统一按万元填报（可填小数，最多 4 位小数）。",
      },
    ], [{ key: "procurement", label: "政府集中采购" }]),
  ],
  [LAYOUT_NOTE],
);

const ARTICLE_50 =
  "条例第五十条：政府信息公开工作年度报告应当包括下列内容：（一）行政机关主动公开政府信息的情况；（二）行政机关收到和处理政府信息公开申请的情况；（三）因政府信息公开工作被申请行政复议、提起行政诉讼的情况；（四）政府信息公开工作存在的主要问题及改进情况，各级人民政府的政府信息公开工作年度报告还应当包括工作考核、社会评议和责任追究结果情况；（五）其他需要报告的事项。";

const sections: SectionDef[] = [
  narrativeSection("overview", [
    { text: ARTICLE_50, basis: "law" },
    { text: "总结本年度贯彻落实《中华人民共和国政府信息公开条例》、推进政府信息公开工作的总体情况。", basis: "law" },
  ]),
  tableSection("proactive", [
    {
      text: "“本年增/减”为本年增加或减少的项目数量，减少的填负数；“采购总金额”模板未印单位，本系统按万元填报。",
      basis: "practice",
    },
  ]),
  APPLICATIONS_SECTION,
  appealsSection("复议机关作共同被告的行政诉讼案件，只计入原行政行为机关，复议机关不计入（国办公开办函〔2016〕201号的解释）。"),
  PROBLEMS_SECTION,
  narrativeSection("other", [{ text: "其他需要报告的事项（条例第五十条第五项）；没有的写“无”。", basis: "practice" }]),
];

export const edition2019: Edition<"2019"> = {
  id: "2019",
  notice: "国办公开办函〔2019〕60号",
  noticeTitle: "国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知",
  formatTitle: "中华人民共和国政府信息公开工作年度报告格式（试行）",
  issuer: ISSUER,
  appliesTo: { fromYear: 2019, toYear: 2020 },
  sections,
  tables: {
    proactive,
    applications: applicationsTable([{ key: "otherHandling", label: "（六）其他处理" }]),
    appeals: APPEALS_TABLE,
  },
  checks: [
    APPLICATIONS_BALANCE,
    {
      type: "atLeast",
      rule: "proactive.publishedTotal",
      table: "proactive",
      rows: ["regulations", "normativeDocuments"],
      sum: ["publishedTotal"],
      atLeast: ["published"],
      explanation: "对外公开总数量是累计数，应包含本年新公开的数量",
      basis: "heuristic",
    },
    {
      type: "atLeast",
      rule: "proactive.itemCount",
      table: "proactive",
      rows: ["licensing", "otherServices", "penalties", "coercion", "fees"],
      sum: ["previous", "change"],
      atLeast: [],
      explanation: "上一年项目数量加本年增/减即本年末的项目数量，不能为负",
      basis: "heuristic",
    },
    CARRY_APPLICATIONS,
  ],
  narrativeFigures: NARRATIVE_FIGURES,
};
