// The check view of an import before it is saved (issue 15 §6): the summary (cells imported,
// blank as printed, not given by the file and why), the importer's notes, and for every template
// row the printed rows its values came from beside the values placed in the template's columns.
import type { CheckView } from "@/lib/import/check-view";
import styles from "./import-check.module.css";

type Note = { message: string };

/** Notes shown before 「另有 N 条」. */
const MAX_NOTES = 30;

function formatValue(v: number | null): string {
  return v === null ? "空" : String(v);
}

export function ImportCheckSummary({ view, notes }: { view: CheckView; notes: Note[] }) {
  const { imported, blankAsPrinted, unknown } = view.counts;
  return (
    <>
      <p data-testid="import-counts">
        将导入 <strong>{imported}</strong> 个单元格；原文空白 {blankAsPrinted} 个；文件中未能取得 <strong>{unknown}</strong> 个
        {unknown ? "（导入后留空并记为“未知”，校验时不按 0 计算）" : ""}。
      </p>
      {view.unknown.length ? (
        <ul className="small" data-testid="import-unknown">
          {view.unknown.map((u) => (
            <li key={u.why}>
              {u.why}：{u.cells.join("、")}
            </li>
          ))}
        </ul>
      ) : null}
      {notes.length ? (
        <details className={styles.notes}>
          <summary>导入说明（{notes.length} 条）</summary>
          <ul className="small">
            {notes.slice(0, MAX_NOTES).map((n, i) => (
              <li key={i}>{n.message}</li>
            ))}
            {notes.length > MAX_NOTES ? <li>另有 {notes.length - MAX_NOTES} 条</li> : null}
          </ul>
        </details>
      ) : null}
    </>
  );
}

export function ImportCheckTables({ view }: { view: CheckView }) {
  return (
    <div data-testid="import-check-tables">
      {view.tables.map((t) => (
        <section key={t.key} className={styles.table} aria-labelledby={`import-check-${t.key}`}>
          <h4 id={`import-check-${t.key}`}>
            {t.name} {t.title}
            {t.found ? "" : "（文件中未找到该表）"}
          </h4>
          <div className="table-scroll">
            <table className={`list ${styles.check}`} aria-labelledby={`import-check-${t.key}`}>
              <thead>
                <tr>
                  <th scope="col">栏目</th>
                  <th scope="col">原文（位置与内容）</th>
                  <th scope="col">导入的数值</th>
                </tr>
              </thead>
              <tbody>
                {t.rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    <td className={styles.source}>
                      {r.sources.length ? (
                        r.sources.map((s, i) => (
                          <p key={i}>
                            <span className="muted">{s.where}：</span>
                            {s.text}
                          </p>
                        ))
                      ) : (
                        <span className="muted">未找到</span>
                      )}
                    </td>
                    <td>
                      <ul className={styles.values}>
                        {r.values.map((v) => (
                          <li key={v.column} title={v.where ?? v.unknown}>
                            <span className="muted">{v.column}</span> <span className={v.unknown ? styles.unknown : undefined}>{v.unknown ? `未知（${v.unknown}）` : formatValue(v.value)}</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
