// Traditional → simplified characters, for MATCHING only.
//
// Why a small explicit table and not a converter: portals serve "converted views" of reports in
// traditional script (seeds 002 and 004), and the importer only has to recognise the template's
// labels and section headings and its own few keywords in them. A full converter is a large
// dependency and would still be wrong for names; the imported narratives keep the script they were
// published in. The table holds exactly the characters of those labels and keywords that have a
// distinct traditional form (normalize.test.ts checks that every entry is used by some label or
// keyword and that it never changes simplified text).
//
// Several traditional characters can fold to one simplified character (製/制 → 制, 復/複/覆 → 复),
// because scraped text uses whichever the converter chose (seed 002 writes 複議, seed 004 復議).

const PAIRS =
  // template labels and section headings
  "萬万 業业 為为 舉举 於于 會会 體体 關关 內内 決决 況况 減减 製制 辦办 務务 動动 區区 單单 發发 後后 國国 " +
  "處处 復复 複复 覆复 審审 對对 屬属 廢废 開开 強强 當当 總总 執执 護护 報报 據据 數数 無无 機机 權权 " +
  "條条 構构 沒没 現现 確确 穩稳 類类 係系 糾纠 納纳 組组 織织 經经 結结 繼继 續续 維维 繳缴 罰罚 範范 " +
  "獲获 穫获 補补 規规 計计 認认 議议 許许 訟讼 訪访 訴诉 詢询 請请 購购 費费 轉转 過过 這这 進进 採采 " +
  "問问 項项 題题 額额 " +
  // the importer's own keywords (title, preamble patterns, legacy statistics table)
  "統统 標标 將将 簡简 稱称 編编";

/** Traditional character → simplified character. */
export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = new Map(
  PAIRS.split(/\s+/)
    .filter((p) => p.length === 2)
    .map((p) => [p[0]!, p[1]!] as const),
);

/** The text with every character of the table replaced; all other characters unchanged (same length). */
export function toSimplified(text: string): string {
  let out = "";
  for (const ch of text) out += TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch;
  return out;
}
