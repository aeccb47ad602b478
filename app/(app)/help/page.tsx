// 使用说明: how to fill in, the rules and what each message means, the review workflow, the
// deadlines. Everything that is a label or a rule is read from its one definition (the template,
// the rule catalogue, the transition table, the deadline function), never copied here.
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import s from "@/components/office/help.module.css";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { HEADER_FIELDS } from "@/lib/data";
import { RULES } from "@/lib/rules";
import { editionName, EDITIONS, NEWEST_EDITION } from "@/lib/template";
import { currentReportYear, legalDeadline } from "@/lib/workflow/deadline";
import { REPORT_STATUS_LABELS } from "@/lib/workflow/status";
import { onlySupervised, rolesFor } from "@/lib/workflow/permissions";
import { TRANSITIONS } from "@/lib/workflow/transitions";

export const metadata: Metadata = { title: "使用说明" };

const SEVERITY = { error: "错误", warning: "警告", info: "提示" } as const;
const chinaDate = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" });

export default async function HelpPage() {
  await requireUser({}, "/help");
  const edition = NEWEST_EDITION;
  const year = currentReportYear();
  const rules = Object.entries(RULES) as [string, (typeof RULES)[keyof typeof RULES]][];
  return (
    <div className={s.help}>
      <h1>使用说明</h1>
      <nav aria-label="本页目录" className={`card ${s.toc}`}>
        <ol>
          <li>
            <a href="#fill">如何填报</a>
          </li>
          <li>
            <a href="#rules">校验规则与提示的含义</a>
          </li>
          <li>
            <a href="#workflow">审核与发布流程</a>
          </li>
          <li>
            <a href="#deadline">发布期限</a>
          </li>
          <li>
            <a href="#office">打印、催办与发布地址</a>
          </li>
        </ol>
      </nav>

      <section aria-labelledby="fill" className="card">
        <h2 id="fill">如何填报</h2>
        <p>
          填报人打开「本单位年报」，新建或打开某一年度的年报（每个单位每年一份）。格式版本由年度决定：
          {EDITIONS.map((e) => editionName(e)).join("、")}。编辑页按法定格式的顺序列出各部分：
        </p>
        <ol className={s.sections}>
          {edition.sections.map((sec) => (
            <li key={sec.key}>
              <strong>{sec.heading}</strong>
              {sec.guidance.length ? <span className="muted small">：{sec.guidance[0]!.text}</span> : null}
            </li>
          ))}
        </ol>
        <ul>
          <li>所有内容自动保存（状态栏显示“已保存 hh:mm”）；网络中断时，未保存的修改保存在浏览器中，恢复后可找回。</li>
          <li>表格中的合计由系统计算，不能手填；空白单元格表示“未填写”，不是 0。没有发生的事项请填 0（可用「空白单元格填 0」）。</li>
          <li>可从 Excel 或 WPS 表格复制一块数据，粘贴到表格中；方向键、回车和 Tab 键在单元格之间移动。</li>
          <li>
            「引言与落款」中还可填写{HEADER_FIELDS.map((f) => f.label).join("、")}（可不填），打印送审稿和 Word 文档时列出。
          </li>
        </ul>
      </section>

      <section aria-labelledby="rules" className="card">
        <h2 id="rules">校验规则与提示的含义</h2>
        <p>
          每次输入时，右侧的“问题”面板立即检查下列规则；服务器在保存、提交和发布时再检查一次。<strong>错误</strong>
          必须改正后才能提交；<strong>警告</strong>需要核实，提交时逐条说明理由，审核人逐条确认。点击面板中的提示可跳到对应单元格。
        </p>
        <table className="list" data-testid="help-rules">
          <caption className="visually-hidden">校验规则</caption>
          <thead>
            <tr>
              <th scope="col">提示</th>
              <th scope="col">级别</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            {rules.map(([id, r]) => (
              <tr key={id}>
                <td>{r.title}</td>
                <td>{SEVERITY[r.severity]}</td>
                <td className="small muted">{"note" in r && r.note ? r.note : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="workflow" className="card">
        <h2 id="workflow">审核与发布流程</h2>
        <p>年报的状态：{Object.values(REPORT_STATUS_LABELS).join(" → ")}。每一步保存不可更改的版本快照，可在「版本与记录」中查看和比较。</p>
        <table className="list" data-testid="help-workflow">
          <caption className="visually-hidden">审核流程中的操作</caption>
          <thead>
            <tr>
              <th scope="col">操作</th>
              <th scope="col">谁可以做</th>
              <th scope="col">适用状态</th>
              <th scope="col">之后的状态</th>
            </tr>
          </thead>
          <tbody>
            {TRANSITIONS.map((t) => (
              <tr key={t.action}>
                <td>
                  {t.label}
                  {t.needsComment ? <span className="small muted">（须填写{t.commentLabel ?? "理由"}）</span> : null}
                </td>
                <td>
                  {rolesFor(t.action)
                    .map((r) => ROLE_LABELS[r])
                    .join("、")}
                  {onlySupervised(t.action) ? "（下级单位的年报）" : ""}
                </td>
                <td>{t.from.map((f) => REPORT_STATUS_LABELS[f]).join("、")}</td>
                <td>{REPORT_STATUS_LABELS[t.to]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="deadline" className="card">
        <h2 id="deadline">发布期限</h2>
        <p>
          《中华人民共和国政府信息公开条例》第四十九条：每年 1 月 31 日前公布上一年度的政府信息公开工作年度报告。当前年度（{year} 年度）的期限是
          <strong data-testid="help-deadline">{chinaDate.format(legalDeadline(year))}</strong>
          。主管部门的「下级单位」页显示每个单位还剩或已逾期的天数。
        </p>
      </section>

      <section aria-labelledby="office" className="card">
        <h2 id="office">打印、催办与发布地址</h2>
        <ul>
          <li>年报页的「打印送审稿」按法定格式排版，并附审签栏（签发人、审核人、拟稿人和日期），用浏览器打印为 A4 纸。「盖章版」Word 文档在落款上方留出盖章位置。</li>
          <li>主管部门可在「下级单位」页勾选一个或多个单位「催办」：其填报人和审核人会在「待办」中收到通知；配置了邮件服务器时还会收到邮件。单位较多时列表分页显示（每页 100 个），勾选只在当前页有效；可先按状态、逾期或单位名称筛选。</li>
          <li>发布后，年报页显示公开地址、复制按钮和二维码；单位可「回填发布地址」，即在本单位门户网站上发布的网址，主管部门在「下级单位」页可见。</li>
          <li>
            导航栏的「<Link href="/todo">待办</Link>」列出需要您处理的事项，旁边的数字是待办数量。
          </li>
        </ul>
      </section>
    </div>
  );
}
