import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { loadTodo } from "@/app/_server/todo";
import { mailConfigured } from "@/app/_server/mailer";
import { EmailForm } from "@/components/office/email-form";
import { MarkRead } from "@/components/office/notice-actions";
import { ownEmail } from "@/db/notices";
import { run } from "@/db/store";
import s from "@/components/office/office.module.css";
import { formatDateTime } from "@/lib/format-date";
import { listedTodo, todoLabel, type TodoItem } from "@/lib/office/todo";

export const metadata: Metadata = { title: "待办" };

const KIND: Record<TodoItem["kind"], string> = { notice: "催办通知", review: "待审核", returned: "已退回", comments: "审核意见", rework: "退回整改", overdue: "逾期" };

function hrefOf(item: TodoItem): string {
  switch (item.kind) {
    case "notice":
      return item.notice.href ?? "/reports";
    case "overdue":
      return item.report ? `/reports/${item.report.id}` : `/oversight?year=${item.year}&state=none`;
    default:
      return `/reports/${item.report.id}`;
  }
}

export default async function TodoPage() {
  const user = await requireUser({}, "/todo");
  const items = await loadTodo(user);
  const notices = items.filter((i) => i.kind === "notice").length;
  const { listed, moreOverdue } = listedTodo(items);
  return (
    <>
      <h1>待办</h1>
      {items.length === 0 ? (
        <p className="card muted" data-testid="todo-empty">
          暂无待办事项。
        </p>
      ) : (
        <>
          <p className="muted">
            共 {items.length} 项{notices > 1 ? "。" : ""}
            {notices > 1 ? <MarkRead id="all" label="全部通知标为已读" /> : null}
          </p>
          <ul className={s.todo} data-testid="todo-list">
            {listed.map((item) => (
              <li key={item.kind === "notice" ? `n${item.notice.id}` : item.kind === "overdue" ? `o${item.year}-${item.agencyId}` : `${item.kind}${item.report.id}`} data-kind={item.kind}>
                <span className={s.kind}>{KIND[item.kind]}</span>
                <Link href={hrefOf(item)}>{todoLabel(item)}</Link>
                {item.kind === "notice" ? (
                  <>
                    <span className="small muted">{formatDateTime(item.notice.createdAt)}</span>
                    <MarkRead id={item.notice.id} />
                    <p className={s.body}>{item.notice.body}</p>
                  </>
                ) : null}
              </li>
            ))}
            {moreOverdue.map((m) => (
              <li key={`more${m.year}`} data-kind="overdue-more">
                <span className={s.kind}>{KIND.overdue}</span>
                <Link href={`/oversight?year=${m.year}&overdue=1`}>
                  另有 {m.count} 个单位 {m.year} 年度报告逾期未发布，在下级单位中查看
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {user.role === "drafter" || user.role === "reviewer" ? <EmailForm email={await run(ownEmail(user.id))} mailOn={mailConfigured()} /> : null}
      <p className="small muted">
        如何填报、审核和发布，见<Link href="/help">使用说明</Link>。
      </p>
    </>
  );
}
