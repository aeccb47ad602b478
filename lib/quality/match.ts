// Which agency of the hierarchy an uploaded file is the report of (issue 18 §1b): by the agency
// named in the document (title, signature) and by the file name, then confirmed by a person where
// the match is not certain. Pure; linear in (names × agencies), names bounded in length.

export interface AgencyRef {
  id: number;
  name: string;
  code?: string;
}

export type MatchConfidence = "exact" | "likely" | "doubtful" | "none";

export interface AgencyMatch {
  agencyId?: number;
  confidence: MatchConfidence;
  /** Chinese: what the match rests on. */
  reason: string;
}

const MAX_NAME = 200;

/**
 * A name without spaces, punctuation, the file extension, report years (2024年度 anywhere, a bare
 * 2024 at the start or end: 「第2000号单位」 keeps its number) and the words of a report title.
 */
export function normalizeName(s: string): string {
  return s
    .slice(0, MAX_NAME)
    .replace(/\.(docx?|html?|pdf|txt|wps)$/i, "")
    .replace(/[\s\u3000_\-—–·.,，。、（）()《》“”"'【】[\]]/g, "")
    .replace(/(?<!\d)(?:19|20)\d{2}年度?|^(?:19|20)\d{2}(?!\d)|(?<!\d)(?:19|20)\d{2}$/g, "")
    .replace(/政府信息公开(工作)?(年度)?(报告|年报)?|年度报告|年报|工作报告/g, "");
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let both = 0;
  for (const g of x) if (y.has(g)) both++;
  return (2 * both) / (x.size + y.size);
}

/** The longest prefix all names share (e.g. the city, 「示范市」), to match names given without it. */
function commonPrefix(names: readonly string[]): string {
  if (names.length < 2) return "";
  let p = names[0]!;
  for (const n of names) while (!n.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/**
 * The agency of a file. `documentAgency` is the name the document itself gives (the importer's
 * report.agency.name), `fileName` the uploaded name.
 */
export function matchAgency(agencies: readonly AgencyRef[], documentAgency: string | undefined, fileName: string): AgencyMatch {
  if (!agencies.length) return { confidence: "none", reason: "检查范围内没有单位" };
  const names = agencies.map((a) => normalizeName(a.name));
  const doc = documentAgency ? normalizeName(documentAgency) : "";
  const file = normalizeName(fileName.replace(/^.*[\\/]/, ""));
  // 1. The document names the agency exactly.
  if (doc) {
    const hits = agencies.filter((_, i) => names[i] === doc);
    if (hits.length === 1) return { agencyId: hits[0]!.id, confidence: "exact", reason: `文件中署名「${documentAgency}」` };
  }
  // 2. The file name contains an agency's full name (the longest wins) or its code.
  const contained = agencies.map((a, i) => ({ a, n: names[i]! })).filter((x) => x.n && file.includes(x.n));
  if (contained.length) {
    contained.sort((p, q) => q.n.length - p.n.length);
    if (contained.length === 1 || contained[0]!.n.length > contained[1]!.n.length) {
      return { agencyId: contained[0]!.a.id, confidence: doc ? "likely" : "exact", reason: `文件名含「${contained[0]!.a.name}」` };
    }
  }
  const byCode = agencies.filter((a) => a.code && file.toLowerCase() === a.code.toLowerCase());
  if (byCode.length === 1) return { agencyId: byCode[0]!.id, confidence: "exact", reason: `文件名为单位代码「${byCode[0]!.code}」` };
  // 3. Names given without the shared prefix (「应急管理局」 for 「示范市应急管理局」).
  const prefix = commonPrefix(names);
  if (prefix) {
    for (const probe of [doc, file]) {
      if (!probe) continue;
      const hits = agencies.filter((_, i) => {
        const short = names[i]!.slice(prefix.length);
        return short.length >= 2 && probe.includes(short);
      });
      if (hits.length === 1) return { agencyId: hits[0]!.id, confidence: "likely", reason: `「${probe}」含单位简称` };
    }
  }
  // 4. The most similar name, to be confirmed.
  let best = -1;
  let score = 0;
  for (let i = 0; i < agencies.length; i++) {
    const s = Math.max(doc ? dice(doc, names[i]!) : 0, dice(file, names[i]!));
    if (s > score) {
      score = s;
      best = i;
    }
  }
  if (best >= 0 && score >= 0.5) return { agencyId: agencies[best]!.id, confidence: "doubtful", reason: `名称相近（相似度 ${Math.round(score * 100)}%），请确认` };
  return { confidence: "none", reason: documentAgency ? `文件署名「${documentAgency}」不在检查范围内` : "未能从文件名和文件内容识别单位" };
}
