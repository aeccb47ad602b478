import type { Metadata } from "next";
import { requireUser } from "@/app/_server/guard";
import { ActionForm } from "@/components/action-form";
import { listAgencies } from "@/db/agencies";
import { listUsers } from "@/db/users";
import { ROLE_IDS, ROLE_LABELS } from "@/lib/auth/roles";
import { ConfirmForm } from "@/components/admin/confirm-form";
import { EditUser } from "@/components/admin/edit-user";
import { createUserAction, resetPasswordAction, setUserActiveAction, updateUserAction } from "../actions";
import { rolesFor } from "@/lib/workflow/permissions";
import { run } from "@/db/store";

export const metadata: Metadata = { title: "用户管理" };

/** Rows shown at once (a province's thousands of accounts); the search narrows the list. */
const SHOWN = 200;

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requireUser({ roles: rolesFor("administer") }, "/admin/users");
  const { q: raw } = await searchParams;
  const q = (typeof raw === "string" ? raw : "").trim().slice(0, 60);
  const all = await run(listUsers());
  const matching = all.filter((u) => !q || u.login.includes(q.toLowerCase()) || u.displayName.includes(q) || (u.agencyName ?? "").includes(q)).sort((a, b) => b.id - a.id);
  const users = matching.slice(0, SHOWN);
  // One list for every row's 编辑 form (the same array: serialised once, not once per row).
  const agencies = await run(listAgencies());
  const activeAgencies = agencies.filter((a) => a.active).map((a) => ({ id: a.id, name: a.name }));
  return (
    <>
      <h1>用户管理</h1>
      <section className="card" aria-labelledby="new-user">
        <h2 id="new-user" style={{ marginTop: 0 }}>
          新建用户
        </h2>
        <ActionForm action={createUserAction}>
          <label>
            用户名
            <input type="text" name="login" required maxLength={32} autoComplete="off" />
          </label>
          <label>
            姓名
            <input type="text" name="displayName" required maxLength={40} />
          </label>
          <label>
            角色
            <select name="role" defaultValue="drafter">
              {ROLE_IDS.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <label>
            所属单位
            <select name="agencyId" defaultValue="">
              <option value="">（无，仅限系统管理员）</option>
              {agencies
                .filter((a) => a.active)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
            </select>
          </label>
          <label>
            初始密码（用户首次登录时须修改）
            <input type="password" name="password" required autoComplete="new-password" />
          </label>
          <button type="submit">创建</button>
        </ActionForm>
      </section>
      <form method="get" className="inline" role="search" aria-label="查找用户">
        <label>
          查找用户
          <input type="search" name="q" defaultValue={q} maxLength={60} placeholder="用户名、姓名或单位" />
        </label>
        <button type="submit" className="secondary">
          查找
        </button>
      </form>
      <p className="muted" data-testid="user-count">
        {q ? `符合「${q}」的用户 ${matching.length} 个` : `共 ${all.length} 个用户`}
        {matching.length > users.length ? `，显示最新的 ${users.length} 个，请用查找缩小范围` : ""}。
      </p>
      <table className="list" data-testid="user-list">
        <thead>
          <tr>
            <th scope="col">用户名</th>
            <th scope="col">姓名</th>
            <th scope="col">角色</th>
            <th scope="col">单位</th>
            <th scope="col">状态</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                <code>{u.login}</code>
              </td>
              <td>{u.displayName}</td>
              <td>{ROLE_LABELS[u.role]}</td>
              <td>{u.agencyName ?? "—"}</td>
              <td>
                {u.active ? <span className="badge on">启用</span> : <span className="badge off">停用</span>}
                {u.mustChangePassword ? <div className="small muted">待本人修改密码</div> : null}
              </td>
              <td style={{ display: "grid", gap: "0.4rem" }}>
                {/* One form whichever the state, so its message survives the re-render after the change. */}
                <ConfirmForm action={setUserActiveAction} fields={{ id: String(u.id), active: u.active ? "0" : "1" }} label={u.active ? "停用" : "启用"} question={u.active ? `确定停用「${u.displayName}（${u.login}）」？停用后该账号立即退出登录且不能再登录。` : null} confirmLabel="确认停用" />
                <EditUser action={updateUserAction} user={{ id: u.id, login: u.login, displayName: u.displayName, role: u.role, agencyId: u.agencyId }} agencies={activeAgencies} current={u.agencyId != null ? { id: u.agencyId, name: u.agencyName ?? "" } : null} />
                <ActionForm action={resetPasswordAction}>
                  <input type="hidden" name="id" value={u.id} />
                  <input type="password" name="password" placeholder="新密码" aria-label={`${u.login} 的新密码`} required autoComplete="new-password" />
                  <button type="submit" className="secondary">
                    重置密码
                  </button>
                </ActionForm>
                <p className="hint small">重置后，用户须在下次登录时修改密码。</p>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
