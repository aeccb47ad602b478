// Beside each narrative: last year's text of the part (or the archived old-style report's) and
// the template's guidance. Nothing here changes while the report is edited, so the page's server
// code draws it (report-editor.tsx) and the browser's editor only places it: its code is not part
// of the page's first-load JavaScript.
import type { ReportDoc } from "@/lib/data/types";
import type { SectionDef } from "@/lib/template";
import type { EditorArchive } from "./context";
import { lastYearText } from "./first-similarity";

const BASIS_LABEL: Record<string, string> = {
  official: "通知要求",
  law: "条例规定",
  practice: "通行做法",
  derived: "说明",
  heuristic: "建议",
};

export function NarrativeGuidance({ section, previous, archive }: { section: SectionDef; previous: ReportDoc | null; archive: EditorArchive | null }) {
  const key = section.narrativeKey!;
  const lastYear = lastYearText(previous, archive, key);
  return (
    <>
      {lastYear && previous ? (
        <details className="last-year" data-testid={`last-year-${key}`}>
          <summary>
            {previous.year} 年度报告此部分（仅供参考，不会复制到本报告）
          </summary>
          <div className="last-year-text">
            {lastYear.split("\n").map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
        </details>
      ) : lastYear && archive ? (
        <details className="last-year" data-testid={`last-year-${key}`}>
          <summary>
            {archive.year} 年度归档年报（旧式）的相应内容（仅供参考，不会复制到本报告）
          </summary>
          <div className="last-year-text">
            {archive.parts[key].map((part, i) => (
              <div key={i}>
                <p>
                  <strong>{part.heading}</strong>
                </p>
                {part.text
                  .split("\n")
                  .filter((p) => p.trim())
                  .map((p, j) => (
                    <p key={j}>{p}</p>
                  ))}
              </div>
            ))}
            <p className="small">
              <a href={`/archives/${archive.archiveId}`}>查看整份归档</a>
            </p>
          </div>
        </details>
      ) : null}
      <h3>填写指引</h3>
      <ul>
        {section.guidance.map((g, i) => (
          <li key={i}>
            <span className="badge">{BASIS_LABEL[g.basis] ?? g.basis}</span> {g.text}
          </li>
        ))}
      </ul>
    </>
  );
}
