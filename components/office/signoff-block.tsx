// The 审签 block of a 送审稿: 拟稿人、审核人、签发人 and their dates. Names known from the workflow
// are printed; the rest stays blank for a handwritten signature. Server-renderable.
import s from "./print.module.css";

export interface SignoffPerson {
  name: string | null;
  date: string | null;
}

export function SignoffBlock({ drafter, reviewer, issuer, head }: { drafter: SignoffPerson; reviewer: SignoffPerson; issuer: SignoffPerson; head?: { principal?: string; contact?: string; phone?: string } }) {
  const row = (label: string, p: SignoffPerson, testid: string) => (
    <tr data-testid={testid}>
      <th scope="row">{label}</th>
      <td>
        <span className={s.sign}>{p.name ?? ""}</span>
      </td>
      <th scope="row">日期</th>
      <td className={s.date}>{p.date ?? ""}</td>
    </tr>
  );
  return (
    <>
      <table className={s.signoff} data-testid="signoff-block">
        <caption>审签</caption>
        <tbody>
          {row("签发人", issuer, "signoff-issuer")}
          {row("审核人", reviewer, "signoff-reviewer")}
          {row("拟稿人", drafter, "signoff-drafter")}
        </tbody>
      </table>
      {head && (head.principal || head.contact || head.phone) ? (
        <p className={s.header} data-testid="print-header-fields">
          {head.principal ? <span>单位负责人：{head.principal}</span> : null}
          {head.contact ? <span>联系人：{head.contact}</span> : null}
          {head.phone ? <span>联系电话：{head.phone}</span> : null}
        </p>
      ) : null}
    </>
  );
}
