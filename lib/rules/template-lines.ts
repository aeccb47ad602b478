// A narrative without the template's own sub-headings, in a module of its own: the editor's first
// load needs it (lib/data/progress.ts through ./completeness.ts) without the 内容雷同 measure
// (./similarity.ts, which re-exports it), fetched with the rule engine.

/** The template's own sub-headings (（一）收取信息处理费情况 …) are meant to repeat every year. */
export function withoutTemplateLines(text: string, labels: Iterable<string>): string {
  const set = new Set(labels);
  return text
    .split("\n")
    .filter((line) => !set.has(line.trim()))
    .join("\n");
}
