// 系统管理 → 操作记录: every audit entry in words, filtered by person, event and date; exported to
// .xlsx; the raw stored data downloadable for admins.
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { AuditFilters, AuditTrailTable } from "@/components/audit/audit-trail";
import { auditActors } from "@/db/audit";
import { knownEvents } from "@/lib/audit/describe";
import { filterQuery } from "@/lib/audit/filter";
import { trailEntries } from "@/lib/audit/view";
import { loadAdminTrail, PAGE_ROWS, type SearchParams } from "./load";
import { rolesFor } from "@/lib/workflow/permissions";
import { run } from "@/db/store";

export const metadata: Metadata = { title: "操作记录 · 系统管理" };
export const dynamic = "force-dynamic";

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser({ roles: rolesFor("administer") }, "/admin/audit");
  const q = await searchParams;
  const { filter, rows } = await loadAdminTrail(q, PAGE_ROWS);
  const entries = trailEntries(rows, filter.actorId != null || filter.action != null);
  const query = filterQuery(filter);
  const more = rows.length === PAGE_ROWS ? rows.at(-1)!.id : null;
  return (
    <>
      <h1>操作记录</h1>
      <p>
        <Link href="/admin">返回系统管理</Link>
      </p>
      <AuditFilters actors={await run(auditActors({}))} events={knownEvents()} form={filter.form} notes={filter.notes} />
      <p>
        <a href={`/admin/audit/export${query}`} download>
          导出 Excel（.xlsx）
        </a>
        　
        <a href={`/admin/audit/raw${query}`} download>
          下载原始数据（JSON，仅管理员）
        </a>
      </p>
      <AuditTrailTable entries={entries} caption="操作记录" />
      {more ? (
        <p>
          <Link href={`/admin/audit${filterQuery(filter, { before: String(more) })}`}>更早的记录</Link>
        </p>
      ) : null}
    </>
  );
}
