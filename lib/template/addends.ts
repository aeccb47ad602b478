// The input cells a derived cell ultimately adds up (a grand total such as （七）总计 × 总计 adds
// other totals; these are expanded down to typed-in cells). The editor watches exactly these.
import { cellInfo, type CellRef } from "./cells";
import type { Edition } from "./types";

const cache = new WeakMap<Edition, Map<CellRef, readonly CellRef[]>>();

export function inputAddends(edition: Edition, ref: CellRef): readonly CellRef[] {
  let perEdition = cache.get(edition);
  if (!perEdition) cache.set(edition, (perEdition = new Map()));
  const hit = perEdition.get(ref);
  if (hit) return hit;
  const info = cellInfo(edition, ref);
  const out: CellRef[] = [];
  if (info?.derived) {
    for (const a of info.formulas[0]!.addends) {
      if (cellInfo(edition, a)?.derived) out.push(...inputAddends(edition, a));
      else out.push(a);
    }
  }
  perEdition.set(ref, out);
  return out;
}
