// The text with the repeated passages marked (long stretches in between shortened): 内容雷同 with
// last year's report and with other agencies'.
export function Highlighted({ text, passages }: { text: string; passages: readonly { start: number; end: number; text: string }[] }) {
  return (
    <p className="small">
      {passages.map((p, i) => {
        const before = text.slice(i === 0 ? 0 : passages[i - 1]!.end, p.start);
        return (
          <span key={i}>
            {before.length > 40 ? `…${before.slice(-20)}` : before}
            <mark>{p.text}</mark>
          </span>
        );
      })}
    </p>
  );
}

