"use client";
// A narrative section (一、五、六): a plain-text editor whose paragraphs are lines, with the
// official guidance beside it (drawn by the server: narrative-guidance.tsx) and the optional
// pre-labelled sub-headings one click away.
import { lazy, Suspense, useDeferredValue, useEffect, useSyncExternalStore } from "react";
import { useWatch } from "react-hook-form";
import { MAX_NARRATIVE_CHARS } from "@/lib/data/limits";
import type { NarrativeKey, SectionDef } from "@/lib/template";
import { useCellStatus, useEditor, useEditorSnapshot } from "./context";
import { fingerprint, lastYearText } from "./first-similarity";
import { useFirstGuidance, useFirstSimilarities } from "./first-state";
import { loadedSimilarity, loadRules, onRulesLoaded } from "./rules-loader";
import { Highlighted } from "./highlighted";
import { CommentMarker } from "./table-grid";

function CharCount({ name }: { name: `narrative.${NarrativeKey}` }) {
  const { form } = useEditor();
  const text = (useWatch({ control: form.control, name }) as string | undefined) ?? "";
  const paragraphs = text.split("\n").filter((l) => l.trim()).length;
  // The server refuses a section over MAX_NARRATIVE_CHARS (the same UTF-16 count as maxLength).
  const near = text.length >= MAX_NARRATIVE_CHARS * 0.9;
  return (
    <span className={near ? "sev-text-warning small" : "muted small"} aria-live="polite" data-testid={`count-${name}`}>
      {text.replace(/\s/g, "").length} 字 · {paragraphs} 段
      {near ? `（本部分上限 ${MAX_NARRATIVE_CHARS} 字${text.length >= MAX_NARRATIVE_CHARS ? "，已达上限，超出部分无法输入或粘贴" : ""}）` : ""}
    </span>
  );
}

/**
 * How much of the text repeats last year's, with the repeated passages highlighted. Until the rule
 * engine's fetch brings the measure (the editor's first use), the server's result for the text the
 * page opened with; a text it does not fit fetches the measure.
 */
function RepeatedPassages({ name, lastYear, section, what }: { name: `narrative.${NarrativeKey}`; lastYear: string; section: SectionDef; what: string }) {
  const { form } = useEditor();
  const text = useDeferredValue((useWatch({ control: form.control, name }) as string | undefined) ?? "");
  const measure = useSyncExternalStore(onRulesLoaded, loadedSimilarity, () => null);
  const first = useFirstSimilarities()[section.narrativeKey!];
  const fits = first != null && first.of === fingerprint(text);
  useEffect(() => {
    if (!measure && !fits) void loadRules().catch(() => undefined);
  }, [measure, fits]);
  const s = measure ? measure.sectionSimilarity(section, text, lastYear) : fits ? first : null;
  if (!s || s.ratio === 0) return null;
  const pct = Math.round(s.ratio * 100);
  // SIMILARITY_THRESHOLD (lib/rules/similarity.ts), as the server's result carries it.
  const warn = s.ratio >= (measure?.SIMILARITY_THRESHOLD ?? first!.threshold);
  return (
    <details className={`repeated ${warn ? "sev-text-warning" : "muted"}`} data-testid={`similarity-${name}`}>
      <summary>
        与{what}重复 {pct}%{warn ? "（内容雷同）" : ""}
      </summary>
      <Highlighted text={s.text} passages={s.passages} />
    </details>
  );
}

// 内容雷同 with other agencies: shown only when the server found it, so its code (and the engine's
// name formatting) is fetched only then.
const LazyPeerPassages = lazy(() => import("./peer-passages").then((m) => ({ default: m.PeerPassages })));

function PeerPassages({ name }: { name: `narrative.${NarrativeKey}` }) {
  const issues = useEditorSnapshot().issues;
  const issue = issues.find((i) => i.rule === "narrative.peerSimilarity" && i.cell === name);
  if (!issue?.peer) return null;
  return (
    <Suspense fallback={null}>
      <LazyPeerPassages name={name} issue={issue} peer={issue.peer} />
    </Suspense>
  );
}

export function NarrativeSection({ section }: { section: SectionDef }) {
  const { form, readOnly, previous, archive } = useEditor();
  const key = section.narrativeKey!;
  const lastYear = lastYearText(previous, archive, key);
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
          maxLength={MAX_NARRATIVE_CHARS}
          readOnly={readOnly}
          aria-label={section.heading}
          aria-describedby={`guide-${key}`}
          placeholder="每段一行；按回车另起一段。"
        />
        <div className="narrative-foot">
          <CharCount name={name} />
          <CommentMarker anchor={name} />
          {lastYear ? (
            <RepeatedPassages name={name} lastYear={lastYear} section={section} what={previous ? "上年报告同一部分" : ` ${archive!.year} 年度归档年报（旧式）相应内容`} />
          ) : null}
          <PeerPassages name={name} />
          {status.messages.length ? (
            <span className={`small sev-text-${status.severity}`} role="status">
              {status.messages.join("；")}
            </span>
          ) : null}
        </div>
      </div>
      <aside className="guidance" id={`guide-${key}`} aria-label={`${section.heading} 填写指引`}>
        {useFirstGuidance()[key]}
        {section.subBlocks?.length ? (
          <>
            <h3>可选小标题</h3>
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
