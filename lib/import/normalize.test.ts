import { describe, expect, it } from "vitest";
import { EDITIONS, plainLabel } from "../template";
import { foldText, hanNumeralValue, isFiller, normalizeLabel, splitNumbering } from "./normalize";
import { TRADITIONAL_TO_SIMPLIFIED, toSimplified } from "./traditional";

/** Every label and heading text of every edition (the vocabulary the importer matches against). */
function templateTexts(): string[] {
  const out = new Set<string>();
  for (const e of EDITIONS) {
    for (const s of e.sections) out.add(s.heading);
    for (const t of Object.values(e.tables)) {
      out.add(t.title);
      for (const b of t.blocks) {
        if (b.title) out.add(b.title);
        if (b.corner) out.add(b.corner.text);
        for (const c of b.columns) {
          out.add(c.label);
          for (const g of c.groups ?? []) out.add(g.label);
        }
        for (const r of b.rows) {
          out.add(r.label);
          for (const g of r.groups ?? []) out.add(g.label);
        }
      }
    }
  }
  return [...out];
}

/** The importer's own keywords that go through the traditional table (meta.ts, legacy.ts). */
const IMPORTER_KEYWORDS = ["政府信息公开工作年度报告", "政务公开", "政府信息公开情况统计表", "统计指标", "单位", "统计期限", "由…编制", "现将", "以下简称"];

describe("normalizeLabel", () => {
  it("full- and half-width punctuation are the same: （）/() ：/: ，/,", () => {
    expect(normalizeLabel("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")).toBe(
      normalizeLabel("(二)部分公开(区分处理的,只计这一情形,不计其他情形)"),
    );
    expect(normalizeLabel("本年收费金额（单位：万元）")).toBe(normalizeLabel("本年收费金额(单位:万元)"));
  });

  it("「1、」「1．」「1，」「（1）」「①」 are all 「1.」; 「一，」 is 「一、」; 「（一）、」 is 「(一)」", () => {
    const canonical = normalizeLabel("1.属于国家秘密");
    for (const v of ["1、属于国家秘密", "1．属于国家秘密", "1，属于国家秘密", "（1）属于国家秘密", "(1)属于国家秘密", "①属于国家秘密", "1)属于国家秘密"]) {
      expect(normalizeLabel(v), v).toBe(canonical);
    }
    expect(normalizeLabel("一，本年新收政府信息公开申请数量")).toBe(normalizeLabel("一、本年新收政府信息公开申请数量"));
    expect(normalizeLabel("（一）、予以公开")).toBe(normalizeLabel("（一）予以公开"));
  });

  it("removes spaces, line breaks, ideographic spaces and invisible characters inside labels", () => {
    expect(normalizeLabel("商业 企业")).toBe("商业企业");
    expect(normalizeLabel("商业\n企业")).toBe("商业企业");
    expect(normalizeLabel("规　章")).toBe("规章");
    expect(normalizeLabel("统 计 指 标")).toBe("统计指标");
    expect(normalizeLabel("科研\u200b机构")).toBe("科研机构");
  });

  it("ignores quotation marks of any kind", () => {
    const n = normalizeLabel("3.危及“三安全一稳定”");
    expect(normalizeLabel('3.危及"三安全一稳定"')).toBe(n);
    expect(normalizeLabel("3.危及「三安全一稳定」")).toBe(n);
    expect(normalizeLabel("3.危及三安全一稳定")).toBe(n);
  });

  it("drops a trailing colon or full stop", () => {
    expect(normalizeLabel("信息内容：")).toBe("信息内容");
    expect(normalizeLabel("总计。")).toBe("总计");
  });

  it("folds full-width digits and traditional characters", () => {
    expect(normalizeLabel("１．屬於國家秘密")).toBe(normalizeLabel("1.属于国家秘密"));
    expect(normalizeLabel("行政複議")).toBe("行政复议"); // seed 002's converter
    expect(normalizeLabel("行政復議")).toBe("行政复议"); // seed 004's converter
    expect(normalizeLabel("本年製發件數")).toBe("本年制发件数");
  });

  it("keeps what distinguishes labels: 「规范性文件」 ≠ 「行政规范性文件」, 「3.其他」 ≠ 「其他」", () => {
    expect(normalizeLabel("规范性文件")).not.toBe(normalizeLabel("行政规范性文件"));
    expect(normalizeLabel("3.其他")).not.toBe(normalizeLabel("其他"));
  });
});

describe("splitNumbering", () => {
  it("splits the numbering off; a numeral without punctuation is not numbering", () => {
    expect(splitNumbering("一、总体情况")).toEqual({ numbering: "一、", core: "总体情况" });
    expect(splitNumbering("(三)不予公开")).toEqual({ numbering: "(三)", core: "不予公开" });
    expect(splitNumbering("8.属于行政查询事项")).toEqual({ numbering: "8.", core: "属于行政查询事项" });
    expect(splitNumbering("一是加强组织保障")).toEqual({ numbering: "", core: "一是加强组织保障" });
    expect(splitNumbering("2020年,我局")).toEqual({ numbering: "", core: "2020年,我局" });
  });
  it("Han numerals up to 十九", () => {
    expect([hanNumeralValue("一"), hanNumeralValue("七"), hanNumeralValue("十"), hanNumeralValue("十二"), hanNumeralValue("二十")]).toEqual([1, 7, 10, 12, undefined]);
  });
});

describe("isFiller", () => {
  it("/ - — —— － ／ and the like mean blank", () => {
    for (const f of ["/", "-", "—", "——", "－", "／", "\\", "--", " / ", "…"]) expect(isFiller(f), f).toBe(true);
  });
  it("numbers, words and empty cells are not fillers", () => {
    for (const f of ["0", "-8", "无", "", "  ", "暂无"]) expect(isFiller(f), f).toBe(false);
  });
});

describe("traditional → simplified table", () => {
  const texts = templateTexts();
  const vocabulary = [...texts, ...IMPORTER_KEYWORDS].join("");

  it("has no dead entries: every simplified target occurs in a template label, heading or importer keyword", () => {
    for (const [trad, simp] of TRADITIONAL_TO_SIMPLIFIED) expect(vocabulary.includes(simp), `${trad}→${simp}`).toBe(true);
  });

  it("never changes simplified text: no template label contains a key of the table", () => {
    for (const t of texts) expect(toSimplified(t)).toBe(t);
  });

  it("maps the traditional spelling of every table-三 and table-四 label back (hand-converted, as portals print them)", () => {
    const printed: [string, string][] = [
      ["一、本年新收政府信息公開申請數量", "一、本年新收政府信息公开申请数量"],
      ["二、上年結轉政府信息公開申請數量", "二、上年结转政府信息公开申请数量"],
      ["三、本年度辦理結果", "三、本年度办理结果"],
      ["（二）部分公開（區分處理的，只計這一情形，不計其他情形）", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
      ["1.屬於國家秘密", "1.属于国家秘密"],
      ["2.其他法律行政法規禁止公開", "2.其他法律行政法规禁止公开"],
      ["3.危及“三安全一穩定”", "3.危及“三安全一稳定”"],
      ["4.保護第三方合法權益", "4.保护第三方合法权益"],
      ["5.屬於三類內部事務信息", "5.属于三类内部事务信息"],
      ["6.屬於四類過程性信息", "6.属于四类过程性信息"],
      ["7.屬於行政執法案卷", "7.属于行政执法案卷"],
      ["8.屬於行政查詢事項", "8.属于行政查询事项"],
      ["（四）無法提供", "（四）无法提供"],
      ["1.本機關不掌握相關政府信息", "1.本机关不掌握相关政府信息"],
      ["2.沒有現成信息需要另行製作", "2.没有现成信息需要另行制作"],
      ["3.補正後申請內容仍不明確", "3.补正后申请内容仍不明确"],
      ["（五）不予處理", "（五）不予处理"],
      ["1.信訪舉報投訴類申請", "1.信访举报投诉类申请"],
      ["2.重複申請", "2.重复申请"],
      ["3.要求提供公開出版物", "3.要求提供公开出版物"],
      ["4.無正當理由大量反覆申請", "4.无正当理由大量反复申请"],
      ["5.要求行政機關確認或重新出具已獲取信息", "5.要求行政机关确认或重新出具已获取信息"],
      ["1.申請人無正當理由逾期不補正、行政機關不再處理其政府信息公開申請", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
      ["2.申請人逾期未按收費通知要求繳納費用、行政機關不再處理其政府信息公開申請", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
      ["（七）總計", "（七）总计"],
      ["四、結轉下年度繼續辦理", "四、结转下年度继续办理"],
      ["法人或其他組織", "法人或其他组织"],
      ["商業企業", "商业企业"],
      ["科研機構", "科研机构"],
      ["社會公益組織", "社会公益组织"],
      ["法律服務機構", "法律服务机构"],
      ["申請人情況", "申请人情况"],
      ["結果維持", "结果维持"],
      ["結果糾正", "结果纠正"],
      ["其他結果", "其他结果"],
      ["尚未審結", "尚未审结"],
      ["未經復議直接起訴", "未经复议直接起诉"],
      ["復議後起訴", "复议后起诉"],
      ["本年新製作數量", "本年新制作数量"],
      ["對外公開總數量", "对外公开总数量"],
      ["上一年項目數量", "上一年项目数量"],
      ["本年增/減", "本年增/减"],
      ["其他對外管理服務事項", "其他对外管理服务事项"],
      ["政府集中採購", "政府集中采购"],
      ["採購總金額", "采购总金额"],
      ["本年收費金額（單位：萬元）", "本年收费金额（单位：万元）"],
      ["行政事業性收費", "行政事业性收费"],
      ["五、存在的主要問題及改進情況", "五、存在的主要问题及改进情况"],
      ["六、其他需要報告的事項", "六、其他需要报告的事项"],
      ["一、總體情況", "一、总体情况"],
    ];
    for (const [trad, simp] of printed) {
      expect(texts.map(normalizeLabel), simp).toContain(normalizeLabel(simp));
      expect(normalizeLabel(trad), trad).toBe(normalizeLabel(simp));
    }
  });

  it("covers every label: folding a traditional rendering built from the table's inverse gives the template label", () => {
    const inverse = new Map<string, string>();
    for (const [t, s] of TRADITIONAL_TO_SIMPLIFIED) if (!inverse.has(s)) inverse.set(s, t);
    for (const label of texts) {
      const traditional = [...label].map((ch) => inverse.get(ch) ?? ch).join("");
      expect(foldText(traditional).normalize("NFKC")).toBe(label.normalize("NFKC"));
    }
  });

  it("foldText keeps positions (so names can be cut out of the original)", () => {
    const s = "2018年瀘州市政府信息公開工作年度報告";
    expect(foldText(s).length).toBe(s.length);
    expect(foldText(s)).toBe("2018年瀘州市政府信息公开工作年度报告");
  });

  it("plain labels of rows with notes normalise to a prefix of the full label", () => {
    for (const e of EDITIONS) {
      for (const b of e.tables.applications.blocks) {
        for (const r of b.rows) expect(normalizeLabel(r.label).startsWith(normalizeLabel(plainLabel(r)))).toBe(true);
      }
    }
  });
});
