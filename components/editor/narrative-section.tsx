"use client";
// A narrative section (一、五、六): a plain-text editor whose paragraphs are lines, with the
// official guidance beside it and the optional pre-labelled sub-headings one click away.
import { useDeferredValue } from "react";
import { useWatch } from "react-hook-form";
import { sectionSimilarity, SIMILARITY_THRESHOLD } from "@/lib/rules";
import type { NarrativeKey, SectionDef } from "@/lib/template";
import { useCellStatus, useEditor } from "./context";
import { CommentMarker } from "./table-grid";

const BASIS_LABEL: Record<string, string> = {
  official: "通知要求",
  law: "条例规定",
  practice: "通行做法",
  derived: "说明",
  heuristic: "建议",
};

function CharCount({ name }: { name: `narrative.${NarrativeKey}` }) {
  const { form } = useEditor();
  const text = (useWatch({ control: form.control, name }) as string | undefined) ?? "";
  const paragraphs = text.split("\n").filter((l) => l.trim()).length;
  return (
    <span className="muted small" aria-live="polite">
      {text.replace(/\s/g, "").length} 字 · {paragraphs} 段
    </span>
  );
}

/** How much of the text repeats last year's, with the repeated passages highlighted. */
function RepeatedPassages({ name, lastYear, section }: { name: `narrative.${NarrativeKey}`; lastYear: string; section: SectionDef }) {
  const { form } = useEditor();
  const text = useDeferredValue((useWatch({ control: form.control, name }) as string | undefined) ?? "");
  const s = sectionSimilarity(section, text, lastYear);
  const cleaned = s.text;
  if (s.ratio === 0) return null;
  const pct = Math.round(s.ratio * 100);
  return (
    <details className={`repeated ${s.ratio >= SIMILARITY_THRESHOLD ? "sev-text-warning" : "muted"}`} data-testid={`similarity-${name}`}>
      <summary>
        与上年报告同一部分重复 {pct}%{s.ratio >= SIMILARITY_THRESHOLD ? "（内容雷同）" : ""}
      </summary>
      <p className="small">
        {s.passages.map((p, i) => {
          const before = cleaned.slice(i === 0 ? 0 : s.passages[i - 1]!.end, p.start);
          return (
            <span key={i}>
              {before.length > 40 ? `…${before.slice(-20)}` : before}
              <mark>{p.text}</mark>
            </span>
          );
        })}
      </p>
    </details>
  );
}

export function NarrativeSection({ section }: { section: SectionDef }) {
  const { form, readOnly, previous } = useEditor();
  const key = section.narrativeKey!;
  const lastYear = previous?.narrative[key]?.trim() ?? "";
  const name = `narrative.${key}` as const;
  const status = useCellStatus(name);
  const insert = (label: string) => {
    const current = String(form.getValues(name) ?? "");
    const sep = current && !current.endsWith("\n") ? "\n" : "";
    form.setValue(name, `${current}${sep}${label}\n`, { shouldDirty: true });
    const el = document.querySelector<HTMLTextAreaElement>(`[data-cell="${name}"]`);
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  };
  return (
    <div className="narrative">
      <div className="narrative-main">
        <textarea
          {...form.register(name)}
          data-cell={name}
          className={status.severity ? `sev-${status.severity}` : undefined}
          rows={14}
          readOnly={readOnly}
          aria-label={section.heading}
          aria-describedby={`guide-${key}`}
          placeholder="每段一行；按回车另起一段。"
        />
        <div className="narrative-foot">
          <CharCount name={name} />
          <CommentMarker anchor={name} />
          {lastYear ? <RepeatedPassages name={name} lastYear={lastYear} section={section} /> : null}
          {status.messages.length ? (
            <span className={`small sev-text-${status.severity}`} role="status">
              {status.messages.join("；")}
            </span>
          ) : null}
        </div>
      </div>
      <aside className="guidance" id={`guide-${key}`} aria-label={`${section.heading} 填写指引`}>
        {lastYear ? (
          <details className="last-year" data-testid={`last-year-${key}`}>
            <summary>
              {previous!.year} 年度报告此部分（仅供参考，不会复制到本报告）
            </summary>
            <div className="last-year-text">
              {lastYear.split("\n").map((p, i) => (
                <p key={i}>{p}</p>
              ))}
            </div>
          </details>
        ) : null}
        <h4>填写指引</h4>
        <ul>
          {section.guidance.map((g, i) => (
            <li key={i}>
              <span className="badge">{BASIS_LABEL[g.basis] ?? g.basis}</span> {g.text}
            </li>
          ))}
        </ul>
        {section.subBlocks?.length ? (
          <>
            <h4>可选小标题</h4>
            <ul className="subblocks">
              {section.subBlocks.map((b) => (
                <li key={b.label}>
                  {!readOnly ? (
                    <button type="button" className="secondary small" onClick={() => insert(b.label)} title={b.hint}>
                      插入
                    </button>
                  ) : null}{" "}
                  {b.label}
                  {b.required ? <span className="badge req">必填</span> : null}
                  <div className="muted small">{b.hint}</div>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </aside>
    </div>
  );
}
