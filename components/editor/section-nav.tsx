"use client";
// Section navigation 一…六 with completion and error/warning counts per section.
import { useEditorSnapshot } from "./context";

export function SectionNav() {
  const snap = useEditorSnapshot();
  return (
    <nav className="section-nav" aria-label="报告章节">
      <div className="completion" aria-label={`总体完成度 ${Math.round(snap.completion * 100)}%`}>
        <div className="bar">
          <div className="fill" style={{ width: `${Math.round(snap.completion * 100)}%` }} />
        </div>
        <span className="small">完成 {Math.round(snap.completion * 100)}%</span>
      </div>
      <ol>
        {snap.progress.map((p) => {
          const done = p.total > 0 && p.filled === p.total;
          return (
            <li key={p.key}>
              <a href={`#sec-${p.key}`} data-section={p.key}>
                <span className={`dot ${done ? "done" : p.filled ? "part" : ""}`} aria-hidden="true" />
                {p.heading}
              </a>
              <span className="small muted">
                {p.kind === "table" ? `${p.filled}/${p.total}` : done ? "已填写" : "未填写"}
                {p.errors ? <span className="badge sev-error">{p.errors}</span> : null}
                {p.warnings ? <span className="badge sev-warning">{p.warnings}</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
