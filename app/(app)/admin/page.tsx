import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { listAgencies } from "@/db/agencies";
import { listAudit } from "@/db/audit";
import { getDb } from "@/db/client";
import { listUsers } from "@/db/users";
import { formatDateTime } from "@/lib/format-date";

export const metadata: Metadata = { title: "系统管理" };

export default async function AdminHome() {
  await requireUser({ roles: ["admin"] }, "/admin");
  const db = getDb();
  const agencies = listAgencies(db);
  const users = listUsers(db);
  const audit = listAudit(db, { limit: 20 });
  return (
    <>
      <h1>系统管理</h1>
      <div className="card">
        <p>
          <Link href="/admin/agencies">单位管理</Link>：共 {agencies.length} 个单位，其中停用 {agencies.filter((a) => !a.active).length} 个。
        </p>
        <p>
          <Link href="/admin/users">用户管理</Link>：共 {users.length} 个用户，其中停用 {users.filter((u) => !u.active).length} 个。
        </p>
      </div>
      <h2>最近操作记录</h2>
      <table className="list">
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">操作人</th>
            <th scope="col">操作</th>
            <th scope="col">对象</th>
          </tr>
        </thead>
        <tbody>
          {audit.map((a) => (
            <tr key={a.id}>
              <td>{formatDateTime(a.at)}</td>
              <td>{a.actorName ?? "系统"}</td>
              <td>
                <code>{a.action}</code>
              </td>
              <td>
                {a.entityType}
                {a.entityId != null ? ` #${a.entityId}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
