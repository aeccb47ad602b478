"use client";
import { useDeferredValue } from "react";
import { useWatch } from "react-hook-form";
import { peerReportName } from "@/lib/rules/engine";
import type { Issue } from "@/lib/rules/types";
import type { NarrativeKey } from "@/lib/template";
import { useEditor } from "./context";
import { Highlighted } from "./highlighted";

/** Where each passage the server found occurs in the current text (passages edited away since are left out). */
function locate(text: string, passages: readonly string[]) {
  const out: { start: number; end: number; text: string }[] = [];
  let from = 0;
  for (const p of passages) {
    const at = text.indexOf(p, from);
    if (at < 0) continue;
    out.push({ start: at, end: at + p.length, text: p });
    from = at + p.length;
  }
  return out;
}

/**
 * 内容雷同 with another agency's report of the same year, as the server found it at the last save
 * (the peers' texts stay on the server): whose report, the percentage, and the repeated passages
 * of this text.
 */
export function PeerPassages({ name, issue, peer }: { name: `narrative.${NarrativeKey}`; issue: Issue; peer: NonNullable<Issue["peer"]> }) {
  const { form } = useEditor();
  const text = useDeferredValue((useWatch({ control: form.control, name }) as string | undefined) ?? "");
  const found = locate(text, issue.passages ?? []);
  return (
    <details className="repeated sev-text-warning" data-testid={`peer-similarity-${name}`}>
      <summary>
        与{peerReportName(peer)}的同一部分重复 {issue.reported}%（内容雷同）
      </summary>
      <p className="small">
        {peer.href ? (
          <a href={peer.href} target="_blank" rel="noopener">
            查看该报告（公开页面）
          </a>
        ) : null}
        {found.length < (issue.passages?.length ?? 0) ? " 部分段落已修改，保存后重新比对。" : ""}
      </p>
      <Highlighted text={text} passages={found} />
    </details>
  );
}

