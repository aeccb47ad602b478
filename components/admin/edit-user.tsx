"use client";
// 编辑 a user's name, role and agency: the form appears only when asked for, so the user list stays
// one line per account (and its labels do not repeat the 新建用户 form's).
import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/action-form";
import { ROLE_IDS, ROLE_LABELS, type RoleId } from "@/lib/auth/roles";

export function EditUser({
  action,
  user,
  agencies,
  current,
}: {
  action: (prev: FormResult, form: FormData) => Promise<FormResult>;
  user: { id: number; login: string; displayName: string; role: RoleId; agencyId: number | null };
  /** Active agencies, for every row alike. */
  agencies: { id: number; name: string }[];
  /** The user's agency (listed even when disabled). */
  current: { id: number; name: string } | null;
}) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" className="secondary" aria-expanded="false" onClick={() => setOpen(true)}>
        编辑
      </button>
    );
  return (
    <div role="group" aria-label={`编辑 ${user.login}`}>
      <ActionForm action={action} resetOnSuccess={false} className="stack">
        <input type="hidden" name="id" value={user.id} />
        <label>
          姓名
          <input type="text" name="displayName" required maxLength={40} defaultValue={user.displayName} />
        </label>
        <label>
          角色
          <select name="role" defaultValue={user.role}>
            {ROLE_IDS.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          所属单位
          <select name="agencyId" defaultValue={user.agencyId ?? ""}>
            <option value="">（无，仅限系统管理员）</option>
            {current && !agencies.some((a) => a.id === current.id) ? <option value={current.id}>{current.name}（已停用）</option> : null}
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <span style={{ display: "flex", gap: "0.5rem" }}>
          <button type="submit" className="secondary">
            保存修改
          </button>
          <button type="button" className="secondary" onClick={() => setOpen(false)}>
            收起
          </button>
        </span>
      </ActionForm>
    </div>
  );
}
