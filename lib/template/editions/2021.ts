// 《中华人民共和国政府信息公开工作年度报告格式》, 2021 edition (国办公开办函〔2021〕30号),
// for report years 2021 and later. Source of every label and merge: docs/format-2021.md.

import type { Edition, SectionDef, TableDef } from "../types";
import { APPEALS_TABLE, APPLICATIONS_BALANCE, APPLICATIONS_SECTION, CARRY_APPLICATIONS, ISSUER, NARRATIVE_FIGURES, PROBLEMS_SECTION, appealsSection, applicationsTable, article20Block, inGroup, narrativeSection, proactiveTable, tableSection } from "./common";

const UNIT_NOTE = "（单位：万元）";

const proactive: TableDef = proactiveTable([
  article20Block("一", [
    { key: "issued", label: "本年制发件数", kind: "count" },
    { key: "repealed", label: "本年废止件数", kind: "count", hint: "本年废止件数可以大于本年制发件数。" },
    { key: "inForce", label: "现行有效件数", kind: "count" },
  ], [
    { key: "regulations", label: "规章" },
    { key: "normativeDocuments", label: "行政规范性文件" },
  ]),
  article20Block("五", [{ key: "decisions", label: "本年处理决定数量", kind: "count", span: 3 }], [{ key: "licensing", label: "行政许可" }]),
  article20Block("六", [{ key: "decisions", label: "本年处理决定数量", kind: "count", span: 3 }], [
    { key: "penalties", label: "行政处罚" },
    { key: "coercion", label: "行政强制" },
  ]),
  article20Block("八", [
    {
      key: "amount",
      label: `本年收费金额${UNIT_NOTE}`,
      note: UNIT_NOTE,
      kind: "amount",
      unit: "万元",
      unitPrinted: true,
      span: 3,
      hint: "以万元为单位，可填小数，最多 4 位小数（精确到元）。",
    },
  ], [{ key: "fees", label: "行政事业性收费" }]),
]);

const sections: SectionDef[] = [
  narrativeSection(
    "overview",
    [
      {
        text: "总结本年度贯彻落实《中华人民共和国政府信息公开条例》的情况，主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面。",
        basis: "official",
      },
      {
        text: "人民政府的年度报告在监督保障部分还应写明“工作考核、社会评议和责任追究结果情况”（条例第五十条第四项）。",
        basis: "official",
      },
      {
        text: "报告内容须严格按照条例第五十条的要求，不能遗漏，也不宜泛化。",
        basis: "official",
      },
      {
        text: "不按时发布、发布内容不准确不全面、内容雷同、敷衍塞责，造成不良后果的，将依照条例第四十七条追究责任。",
        basis: "official",
      },
    ],
    {
      subBlocks: [
        { label: "（一）主动公开", required: false, hint: "主动公开工作的举措和成效。", basis: "practice" },
        { label: "（二）依申请公开", required: false, hint: "收到、办理政府信息公开申请的情况。", basis: "practice" },
        { label: "（三）政府信息管理", required: false, hint: "信息发布审查、规范性文件清理等管理工作。", basis: "practice" },
        { label: "（四）政府信息公开平台建设", required: false, hint: "政府网站、政务新媒体等公开平台的建设情况。", basis: "practice" },
        {
          label: "（五）监督保障",
          required: false,
          hint: "组织领导、考核、培训、社会评议和责任追究等情况。",
          basis: "practice",
        },
      ],
    },
  ),
  tableSection("proactive", [
    {
      text: "填报条例第二十条第（一）（五）（六）（八）项规定主动公开事项的本年度数据；本年收费金额以万元为单位。",
      basis: "official",
    },
  ]),
  APPLICATIONS_SECTION,
  appealsSection("复议机关作共同被告的行政诉讼案件，只计入原行政行为机关，复议机关不计入（国办公开办函〔2016〕201号的解释，现行表格沿用系实践做法）。"),
  PROBLEMS_SECTION,
  narrativeSection(
    "other",
    [
      {
        text: "报告其他需要报告的事项（条例第五十条第（五）项）；没有的写明“无”。",
        basis: "law",
      },
      {
        text: "写明本年度收取信息处理费的情况（《政府信息公开信息处理费管理办法》，国办函〔2020〕109号），未收取的写明未收取：报告格式的表格中没有信息处理费栏目，各地年报均在本部分说明。",
        basis: "practice",
      },
      {
        text: "落实上级年度政务公开工作要点、人大代表建议和政协提案办理结果公开、政务公开工作创新等分项，是各地年报的常见写法，按本单位情况填写或删去。",
        basis: "practice",
      },
    ],
    {
      subBlocks: [
        {
          label: "（一）收取信息处理费情况",
          // Common practice, not a requirement of the format: so not tagged 必填 (the fee statement is
          // still checked, as a warning, by narrative.feeStatement).
          required: false,
          hint: "写明本年度是否收取信息处理费及金额，例如“本年度未收取信息处理费”。",
          basis: "practice",
        },
        { label: "（二）落实上级年度政务公开工作要点情况", required: false, hint: "", basis: "practice" },
        { label: "（三）人大代表建议和政协提案办理结果公开情况", required: false, hint: "", basis: "practice" },
        { label: "（四）政务公开工作创新情况", required: false, hint: "", basis: "practice" },
        { label: "（五）其他需要报告的事项", required: false, hint: "", basis: "practice" },
      ],
      requiredStatements: [
        {
          rule: "narrative.feeStatement",
          what: "信息处理费收取情况",
          // Imported reports keep their printed script: a traditional-script page writes 處理費.
          anyOf: ["信息处理费", "处理费", "處理費"],
          explanation: "应按《政府信息公开信息处理费管理办法》写明本年度是否收取信息处理费及金额，未收取的写明未收取",
          basis: "practice",
        },
      ],
    },
  ),
];

export const edition2021: Edition<"2021"> = {
  id: "2021",
  notice: "国办公开办函〔2021〕30号",
  noticeTitle: "国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知",
  formatTitle: "中华人民共和国政府信息公开工作年度报告格式",
  issuer: ISSUER,
  appliesTo: { fromYear: 2021 },
  sections,
  tables: {
    proactive,
    applications: applicationsTable(
      inGroup({ key: "otherHandling", label: "（六）其他处理" }, [
        { key: "otherNoCorrection", label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" },
        { key: "otherUnpaidFee", label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" },
        { key: "otherOther", label: "3.其他" },
      ]),
    ),
    appeals: APPEALS_TABLE,
  },
  checks: [
    APPLICATIONS_BALANCE,
    CARRY_APPLICATIONS,
    {
      type: "carryStock",
      rule: "carry.inForce",
      table: "proactive",
      rows: ["regulations", "normativeDocuments"],
      column: "inForce",
      plus: ["issued"],
      minus: ["repealed"],
      basis: "heuristic",
    },
  ],
  narrativeFigures: NARRATIVE_FIGURES,
};
