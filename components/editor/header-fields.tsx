"use client";
// 单位负责人 / 联系人 / 联系电话: optional header fields of the report (lib/data/header-fields.ts),
// printed on the 送审稿 and in the .docx. Plain registered inputs, saved like every other field.
// The module itself, not the "@/lib/data" barrel: that one carries the zod schema (31 KB gzip).
import { HEADER_FIELDS } from "@/lib/data/header-fields";
import type { UseFormRegister } from "react-hook-form";
import type { FormValues } from "@/lib/data/form-values";
import s from "./header-fields.module.css";

export function HeaderFields({ register, readOnly }: { register: UseFormRegister<FormValues>; readOnly: boolean }) {
  return (
    <fieldset className={s.fields}>
      <legend>报送信息（可不填；打印送审稿和 Word 文档时列出）</legend>
      {HEADER_FIELDS.map((f) => (
        <label key={f.key}>
          {f.label}
          <input type="text" {...register(`meta.${f.key}`)} maxLength={f.max} readOnly={readOnly} data-cell={`meta.${f.key}`} autoComplete="off" />
        </label>
      ))}
    </fieldset>
  );
}
