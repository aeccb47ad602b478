// 系统管理 → 批量导入: a county's agencies (with their hierarchy) and users from the template.
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { OnboardingForm } from "@/components/admin/onboarding-form";
import { LIMITS, SHEETS } from "@/lib/onboarding/columns";
import { onboardingAction } from "./actions";
import { rolesFor } from "@/lib/workflow/permissions";

export const metadata: Metadata = { title: "批量导入单位和用户 · 系统管理" };

export default async function OnboardingPage() {
  await requireUser({ roles: rolesFor("administer") }, "/admin/onboarding");
  return (
    <>
      <h1>批量导入单位和用户</h1>
      <p>
        <Link href="/admin">返回系统管理</Link>
      </p>
      <section className="card" aria-labelledby="template-heading">
        <h2 id="template-heading" style={{ marginTop: 0 }}>
          第一步：下载模板并填写
        </h2>
        <p>
          <a href="/admin/onboarding/template?format=xlsx" download>
            下载 Excel 模板（.xlsx）
          </a>
          　
          <a href={"/admin/onboarding/template?format=csv&sheet=agencies"} download>
            单位模板（.csv）
          </a>
          　
          <a href={"/admin/onboarding/template?format=csv&sheet=users"} download>
            用户模板（.csv）
          </a>
        </p>
        {SHEETS.map((s) => (
          <div key={s.kind}>
            <h3>「{s.name}」表</h3>
            <ul>
              {s.columns.map((c) => (
                <li key={c.key}>
                  <strong>{c.header}</strong>
                  {c.required ? "（必填）" : "（选填）"}：{c.hint}
                </li>
              ))}
            </ul>
          </div>
        ))}
        <p className="hint">
          每个表最多 {LIMITS.maxRows} 行，文件合计不超过 {Math.round(LIMITS.maxBytes / 1000)} KB。上级单位可以是本次导入的单位，也可以是系统中已有的单位。用户的初始密码由系统生成。
        </p>
      </section>
      <h2>第二步：上传、检查、导入</h2>
      <OnboardingForm action={onboardingAction} />
    </>
  );
}
