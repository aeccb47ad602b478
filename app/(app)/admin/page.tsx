import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { AuditTrailTable } from "@/components/audit/audit-trail";
import { listAgencies } from "@/db/agencies";
import { queryAuditTrail } from "@/db/audit";
import { listUsers } from "@/db/users";
import { trailEntries } from "@/lib/audit/view";
import { rolesFor } from "@/lib/workflow/permissions";
import { run } from "@/db/store";

export const metadata: Metadata = { title: "系统管理" };

export default async function AdminHome() {
  await requireUser({ roles: rolesFor("administer") }, "/admin");
  const agencies = await run(listAgencies());
  const users = await run(listUsers());
  const recent = trailEntries(await run(queryAuditTrail({ limit: 20 })));
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
        <p>
          <Link href="/admin/onboarding">批量导入单位和用户</Link>：从 Excel 或 CSV 模板导入一个地区的单位（含上下级关系）和账号。
        </p>
        <p>
          <Link href="/admin/audit">操作记录</Link>：全部操作，可按操作人、操作类型和日期筛选，导出 Excel。
        </p>
      </div>
      <h2>最近操作记录</h2>
      <AuditTrailTable entries={recent} caption="最近操作记录" />
    </>
  );
}
