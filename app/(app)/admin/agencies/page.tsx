import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { ActionForm } from "@/components/action-form";
import { ConfirmForm } from "@/components/admin/confirm-form";
import { listAgencies } from "@/db/agencies";
import { AGENCY_CODE_RULE } from "@/lib/data/codes";
import { createAgencyAction, setAgencyActiveAction } from "../actions";
import { rolesFor } from "@/lib/workflow/permissions";
import { run } from "@/db/store";

export const metadata: Metadata = { title: "单位管理" };

/** Rows shown at once: a province has thousands of agencies; the search narrows the list. */
const SHOWN = 200;

export default async function AgenciesPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requireUser({ roles: rolesFor("administer") }, "/admin/agencies");
  const { q: raw } = await searchParams;
  const q = (typeof raw === "string" ? raw : "").trim().slice(0, 60);
  const agencies = await run(listAgencies());
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const matching = agencies.filter((a) => !q || a.name.includes(q) || a.code.includes(q.toLowerCase())).reverse();
  const shown = matching.slice(0, SHOWN);
  return (
    <>
      <h1>单位管理</h1>
      <p>
        一次开通一个地区的全部单位和账号：<Link href="/admin/onboarding">批量导入（Excel / CSV）</Link>
      </p>
      <section className="card" aria-labelledby="new-agency">
        <h2 id="new-agency" style={{ marginTop: 0 }}>
          新建单位
        </h2>
        <ActionForm action={createAgencyAction}>
          <label>
            单位名称
            <input type="text" name="name" required maxLength={60} />
          </label>
          <label>
            单位代码（公开网址用）
            {/* No `pattern`: browsers compile it with the "v" flag, under which this character class is
                invalid and silently ignored; the server checks the code (lib/data/codes.ts) and answers in Chinese. */}
            <input type="text" name="code" required maxLength={32} title={`单位代码${AGENCY_CODE_RULE}`} />
          </label>
          <label>
            上级单位（政务公开主管部门）
            <select name="parentId" defaultValue="">
              <option value="">（无）</option>
              {agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">创建</button>
        </ActionForm>
      </section>
      <form method="get" className="inline" role="search" aria-label="查找单位">
        <label>
          查找单位（名称或代码）
          <input type="search" name="q" defaultValue={q} maxLength={60} />
        </label>
        <button type="submit" className="secondary">
          查找
        </button>
      </form>
      <p className="muted" data-testid="agency-count">
        {q ? `符合「${q}」的单位 ${matching.length} 个` : `共 ${agencies.length} 个单位`}
        {matching.length > shown.length ? `，显示最新的 ${shown.length} 个，请用查找缩小范围` : ""}。
      </p>
      <table className="list" data-testid="agency-list">
        <thead>
          <tr>
            <th scope="col">单位名称</th>
            <th scope="col">代码</th>
            <th scope="col">上级单位</th>
            <th scope="col">状态</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <tr key={a.id}>
              <td>{a.name}</td>
              <td>
                <code>{a.code}</code>
              </td>
              <td>{a.parentId ? (byId.get(a.parentId)?.name ?? "—") : "—"}</td>
              <td>{a.active ? <span className="badge on">启用</span> : <span className="badge off">停用</span>}</td>
              <td>
                {/* One form whichever the state, so its message survives the re-render after the change. */}
                <ConfirmForm action={setAgencyActiveAction} fields={{ id: String(a.id), active: a.active ? "0" : "1" }} label={a.active ? "停用" : "启用"} question={a.active ? `确定停用「${a.name}」？该单位的账号将立即退出登录且不能再登录。` : null} confirmLabel="确认停用" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
