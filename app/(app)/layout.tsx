import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { loadTodo } from "@/app/_server/todo";
import s from "@/components/office/office.module.css";
import { ROLE_LABELS, type RoleId } from "@/lib/auth/roles";
import { roleMay, seesOwnAgencyOnly } from "@/lib/workflow/permissions";

export const dynamic = "force-dynamic";

type NavLink = { href: string; label: (role: RoleId) => string; area?: "oversee" | "administer"; notFor?: RoleId };

/** The main navigation, in order; who sees a link is the permission table's (lib/workflow/permissions.ts). */
const NAV: readonly NavLink[] = [
  { href: "/admin", label: () => "系统管理", area: "administer" },
  { href: "/admin/agencies", label: () => "单位", area: "administer" },
  { href: "/admin/users", label: () => "用户", area: "administer" },
  { href: "/oversight", label: (r) => (roleMay("administer", r) ? "全部进度" : "下级单位"), area: "oversee" },
  // Kept out of the admin's header so that it stays on one line at 1366 px.
  { href: "/oversight/rollup", label: () => "统计汇总", area: "oversee", notFor: "admin" },
  { href: "/oversight/quality", label: () => "质量检查", area: "oversee", notFor: "admin" },
  { href: "/reports", label: (r) => (seesOwnAgencyOnly(r) ? "本单位年报" : "年报列表") },
  { href: "/archives", label: () => "往年归档" },
];

function navFor(role: RoleId): { href: string; label: string }[] {
  return NAV.filter((n) => (!n.area || roleMay(n.area, role)) && n.notFor !== role).map((n) => ({ href: n.href, label: n.label(role) }));
}

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const todo = user.role === "admin" ? 0 : (await loadTodo(user)).length;
  return (
    <>
      <header className="topbar">
        <Link href="/" className="brand">
          年报
        </Link>
        <nav aria-label="主导航">
          {/* An admin gets no 待办 (no review, no oversight duty): the link would only take room. */}
          {user.role !== "admin" ? (
            <Link href="/todo" data-testid="nav-todo">
              待办
              {todo ? (
                <span className={s.count} data-testid="todo-count">
                  {todo}
                  <span className="visually-hidden">项</span>
                </span>
              ) : null}
            </Link>
          ) : null}
          {navFor(user.role).map((n) => (
            <Link key={n.href} href={n.href}>
              {n.label}
            </Link>
          ))}
        </nav>
        <span className="who" data-testid="current-user">
          {user.displayName} · {ROLE_LABELS[user.role]}
          {user.agencyName ? ` · ${user.agencyName}` : ""}
        </span>
        <Link href="/help">使用说明</Link>
        <Link href="/account/password">修改密码</Link>
        {/* Plain forms, not server actions: they work from the first paint, hydrated or not. */}
        <form method="post" action="/api/auth/sign-out">
          <button type="submit">退出登录</button>
        </form>
        <form method="post" action="/api/auth/sign-out">
          <input type="hidden" name="scope" value="all" />
          <button type="submit" className="secondary" title="结束本账号在所有设备和浏览器上的登录">
            退出所有设备
          </button>
        </form>
      </header>
      <main className="page">{children}</main>
    </>
  );
}
