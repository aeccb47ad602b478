// The audit trail as a table people read: time, person, event, what it concerns, what changed.
import Link from "next/link";
import type { TrailEntry } from "@/lib/audit/view";
import styles from "./audit.module.css";

export function AuditTrailTable({ entries, showSubject = true, caption }: { entries: readonly TrailEntry[]; showSubject?: boolean; caption: string }) {
  // The wrapper is there whether or not anything matches: "the trail is shown" is a fact of the page.
  if (!entries.length)
    return (
      <div data-testid="audit">
        <p className="muted" data-testid="audit-empty">
          没有符合条件的操作记录。
        </p>
      </div>
    );
  return (
    <div data-testid="audit">
      <table className={`list ${styles.trail}`} aria-label={caption}>
        <thead>
          <tr>
            <th scope="col" className={styles.colTime}>
              时间
            </th>
            <th scope="col" className={styles.colActor}>
              操作人
            </th>
            <th scope="col" className={styles.colEvent}>
              操作
            </th>
            {showSubject ? (
              <th scope="col" className={styles.colSubject}>
                对象
              </th>
            ) : null}
            <th scope="col">内容</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.key}>
              <td>{e.at}</td>
              <td>
                {e.actor}
                {e.login ? <div className="small muted">{e.login}</div> : null}
              </td>
              <td>{e.event}</td>
              {showSubject ? <td>{e.href ? <Link href={e.href}>{e.subject}</Link> : e.subject}</td> : null}
              <td>
                <div>{e.headline}</div>
                {e.details.length && !(e.details.length === 1 && e.headline.endsWith(e.details[0]!)) ? (
                  <ul className={styles.details}>
                    {e.details.slice(0, 40).map((d, i) => (
                      <li key={i}>{d}</li>
                    ))}
                    {e.details.length > 40 ? <li>……另有 {e.details.length - 40} 项</li> : null}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AuditFilters({
  actors,
  events,
  form,
  hidden = {},
  notes,
}: {
  actors: readonly { id: number; name: string; login: string }[];
  events: readonly [string, string][];
  form: { actor: string; event: string; from: string; to: string };
  hidden?: Record<string, string>;
  notes: readonly string[];
}) {
  return (
    <form method="get" className={`inline card ${styles.filters}`} role="search" aria-label="筛选操作记录">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label>
        操作人
        <select name="actor" defaultValue={form.actor}>
          <option value="">（全部）</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}（{a.login}）
            </option>
          ))}
        </select>
      </label>
      <label>
        操作类型
        <select name="event" defaultValue={form.event}>
          <option value="">（全部）</option>
          {events.map(([action, name]) => (
            <option key={action} value={action}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        起始日期
        <input type="date" name="from" defaultValue={form.from} />
      </label>
      <label>
        截止日期
        <input type="date" name="to" defaultValue={form.to} />
      </label>
      <button type="submit">筛选</button>
      {notes.length ? (
        <p className="alert" role="note" style={{ flexBasis: "100%" }}>
          {notes.join("；")}
        </p>
      ) : null}
    </form>
  );
}
