// Finding the report inside a web page. Portals wrap the article in navigation, breadcrumbs, side
// columns with links to other years' reports, footers, share buttons. Rather than guessing from
// class names (every portal differs), the article is the smallest element that holds every
// ANCHOR of the report: its section headings and its recognised tables. Everything outside it is
// page furniture (anchors are inside by construction, so every recognised table is kept) —
// except the title, which pages often print above the article container.

import { isTitleLike } from "../meta";
import { classifyTable } from "../tables";
import { isLegacyStatisticsTable } from "../legacy";
import { legacyHeadingNumber, matchStatutoryHeading } from "../sections";
import type { Block, Paragraph } from "../source";

function isAnchor(b: Block): boolean {
  if (b.type === "table") return classifyTable(b.table) !== undefined || isLegacyStatisticsTable(b.table);
  return matchStatutoryHeading(b.text) !== undefined || legacyHeadingNumber(b.text) !== undefined;
}

function commonPrefix(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length) && a[i] === b[i]; i++) out.push(a[i]!);
  return out;
}

function inside(b: Block, root: readonly number[]): boolean {
  const c = b.container ?? [];
  return root.every((id, i) => c[i] === id);
}

export interface ContentSelection {
  blocks: Block[];
  /** Blocks outside the article: page furniture. */
  outside: Block[];
}

/**
 * The blocks of the article. With fewer than two anchors nothing is cut (no evidence where the
 * article is). A title-like paragraph just before the article is kept as its first block.
 */
export function selectContent(blocks: readonly Block[]): ContentSelection {
  const anchors = blocks.filter(isAnchor);
  if (anchors.length < 2 || blocks.some((b) => b.container === undefined)) return { blocks: [...blocks], outside: [] };
  let root = anchors[0]!.container!;
  for (const a of anchors.slice(1)) root = commonPrefix(root, a.container!);
  const firstInside = blocks.findIndex((b) => inside(b, root));
  const kept: Block[] = [];
  const outside: Block[] = [];
  let title: Paragraph | undefined;
  const hasTitleInside = blocks.some((b, i) => i >= firstInside && inside(b, root) && b.type === "paragraph" && isTitleLike(b.text));
  if (!hasTitleInside) {
    for (let i = firstInside - 1; i >= 0; i--) {
      const b = blocks[i]!;
      if (b.type === "paragraph" && isTitleLike(b.text)) {
        title = b;
        break;
      }
    }
  }
  blocks.forEach((b) => {
    if (b === title || inside(b, root)) kept.push(b);
    else outside.push(b);
  });
  return { blocks: kept, outside };
}
